"""Tasks, the handover list and the duty calendar of conversations (issue 14, GUI).

Every service call goes through the bridge to ``LiveClient.teamwork``
(services/live_teamwork.py); ``hub.TeamworkHub`` opens the windows from the main window
and the chat.
"""

from desktop_app.ui.teamwork.hub import TeamworkHub

__all__ = ["TeamworkHub"]
