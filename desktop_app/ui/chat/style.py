"""The chat view's style sheet: WhatsApp-like colours that keep urgent red apart."""

STYLE = """
ChatView { background: #eceff3; }
QListView#messageList { background: #eceff3; }
QWidget#chatHeader { background: #f7f8fa; border-bottom: 1px solid #dde2e8; }
QLabel#chatTitle { font-size: 15px; font-weight: 600; color: #111b21; }
QLabel#chatSubtitle { color: #667781; }
QWidget#composer { background: #f7f8fa; border-top: 1px solid #dde2e8; }
QPlainTextEdit { background: white; border: 1px solid #d5dbe1; border-radius: 10px;
                 padding: 2px 6px; color: #111b21; }
QPlainTextEdit:focus { border-color: #1d8ce0; }
QToolButton#sendButton { background: #1d8ce0; border-radius: 18px; min-width: 36px;
                         min-height: 36px; }
QToolButton#sendButton:disabled { background: #b8c4ce; }
QToolButton#urgentToggle { border: 1px solid #d5dbe1; border-radius: 10px; padding: 6px 9px;
                           color: #c5221f; background: white; }
QToolButton#urgentToggle:checked { background: #c5221f; color: white; border-color: #c5221f; }
QToolButton#fileChip { background: #e3f0fb; border-radius: 10px; padding: 4px 10px; }
"""
