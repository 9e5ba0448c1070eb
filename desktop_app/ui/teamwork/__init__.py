"""Tasks, the handover list, the duty calendar and the Files of conversations (issue 14,
GUI).

Every service call goes through the bridge to ``LiveClient.teamwork``
(services/live_teamwork.py) or ``LiveClient.files`` (services/live_files.py);
``hub.TeamworkHub`` opens the windows from the main window and the chat.
"""

from desktop_app.ui.teamwork.hub import TeamworkHub

__all__ = ["TeamworkHub"]
