; WardLink installer for Windows (NSIS 3, Unicode). Per-machine, 64-bit.
;
;   makensis -DVERSION=0.1.0 -DDIST_DIR=..\..\dist\wardlink -DICON=..\..\build\icons\wardlink.ico ^
;            -DOUT_FILE=..\..\dist\wardlink-setup-0.1.0.exe installer\windows\wardlink.nsi
;
; DIST_DIR is the PyInstaller folder (wardlink.exe, wardlinkw.exe, _internal\). Paths are
; relative to this script. installer/README.md has the complete build steps.
;
; Silent install for software deployment:   wardlink-setup-0.1.0.exe /S [/RELAY] [/D=C:\Path]
;   /RELAY also installs the relay as a startup task (section "Relay", off by default).
; Silent uninstall:   "C:\Program Files\WardLink\uninstall.exe" /S
;
; Installs:  %ProgramFiles%\WardLink\          the app (wardlink.exe = command line,
;                                              wardlinkw.exe = desktop app, no console)
;            Start menu\Programs\WardLink.lnk  (all users)
;            %ProgramData%\WardLink\           machine policy folder (policy.json written by
;                                              IT; writable by Administrators only)
;            HKLM\...\Uninstall\WardLink        Apps & features entry
; Group Policy (policy\wardlink.admx) writes HKLM\Software\Policies\WardLink.

Unicode true
ManifestDPIAware true
RequestExecutionLevel admin
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef DIST_DIR
  !define DIST_DIR "..\..\dist\wardlink"
!endif
!ifndef ICON
  !define ICON "..\..\build\icons\wardlink.ico"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "..\..\dist\wardlink-setup-${VERSION}.exe"
!endif

!define PRODUCT "WardLink"
!define PUBLISHER "WardLink developers"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\WardLink"
!define RELAY_TASK "WardLink relay"
!define FIREWALL_RULE "WardLink relay"
; Well-known SIDs, so the installer works on German, English, ... Windows alike.
!define SID_ADMINS "*S-1-5-32-544"
!define SID_SYSTEM "*S-1-5-18"
!define SID_USERS "*S-1-5-32-545"
!define SID_LOCAL_SERVICE "*S-1-5-19"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "Sections.nsh"
!include "x64.nsh"

Name "${PRODUCT} ${VERSION}"
OutFile "${OUT_FILE}"
InstallDir "$PROGRAMFILES64\${PRODUCT}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "FileDescription" "${PRODUCT} installer"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "Apache-2.0"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\wardlinkw.exe"
!define MUI_FINISHPAGE_RUN_NOTCHECKED

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "German"

LangString DESC_APP ${LANG_ENGLISH} "The WardLink desktop app and the wardlink command."
LangString DESC_APP ${LANG_GERMAN} "Die WardLink-App und der Befehl wardlink."
LangString DESC_RELAY ${LANG_ENGLISH} "For hospital IT: run the relay in the background from system start (as Local Service). Run 'wardlink relay init' first."
LangString DESC_RELAY ${LANG_GERMAN} "Für die Klinik-IT: das Relay ab Systemstart im Hintergrund ausführen (als Lokaler Dienst). Vorher 'wardlink relay init' ausführen."
LangString NEED_X64 ${LANG_ENGLISH} "WardLink needs 64-bit Windows 10 or later."
LangString NEED_X64 ${LANG_GERMAN} "WardLink benötigt 64-Bit-Windows 10 oder neuer."

; ---- the app ---------------------------------------------------------------------------

Section "!WardLink" SecApp
  SectionIn RO
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  ; An update replaces the whole bundle: stale libraries of an older version must go.
  RMDir /r "$INSTDIR\_internal"
  File /r "${DIST_DIR}\*.*"
  File "/oname=policy.json.example" "..\linux\debian\policy.json.example"

  ; Machine policy folder. ProgramData lets every user create files by default, which
  ; would let anyone write the policy: Administrators and SYSTEM only, users read.
  CreateDirectory "$APPDATA\${PRODUCT}"
  nsExec::ExecToLog 'icacls "$APPDATA\${PRODUCT}" /inheritance:r /grant:r ${SID_ADMINS}:(OI)(CI)F ${SID_SYSTEM}:(OI)(CI)F ${SID_USERS}:(OI)(CI)RX'
  Pop $0

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\wardlinkw.exe" "" "$INSTDIR\wardlinkw.exe" 0

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\wardlinkw.exe,0"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

; ---- the relay (optional) --------------------------------------------------------------
; wardlink.exe is a console program, not a Windows service (it has no service control
; handler), so "sc.exe create" would register it but the Service Control Manager would
; stop it after 30 s (error 1053). It runs instead as a scheduled task at system start,
; as Local Service, restarted on failure. Settings: %ProgramData%\WardLink\relay-settings.cmd.

Section /o "Relay (hospital IT)" SecRelay
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  CreateDirectory "$APPDATA\${PRODUCT}\relay"
  ; The relay's data: Local Service may change it, users may not read it.
  nsExec::ExecToLog 'icacls "$APPDATA\${PRODUCT}\relay" /inheritance:r /grant:r ${SID_ADMINS}:(OI)(CI)F ${SID_SYSTEM}:(OI)(CI)F ${SID_LOCAL_SERVICE}:(OI)(CI)M'
  Pop $0

  ; Settings (may hold the admin passphrase): kept on update, readable by the relay only.
  ${IfNot} ${FileExists} "$APPDATA\${PRODUCT}\relay-settings.cmd"
    FileOpen $1 "$APPDATA\${PRODUCT}\relay-settings.cmd" w
    FileWrite $1 "@rem WardLink relay settings, read by the '${RELAY_TASK}' task at system start.$\r$\n"
    FileWrite $1 "@rem Readable by Administrators, SYSTEM and Local Service only: it may hold the admin passphrase.$\r$\n"
    FileWrite $1 "@set WARDLINK_RELAY_DATA=%ProgramData%\${PRODUCT}\relay$\r$\n"
    FileWrite $1 "@set WARDLINK_RELAY_HOST=0.0.0.0$\r$\n"
    FileWrite $1 "@set WARDLINK_RELAY_PORT=8443$\r$\n"
    FileWrite $1 "@set WARDLINK_RELAY_OPTIONS=$\r$\n"
    FileWrite $1 "@rem set WARDLINK_ADMIN_PASSPHRASE=$\r$\n"
    FileClose $1
  ${EndIf}
  nsExec::ExecToLog 'icacls "$APPDATA\${PRODUCT}\relay-settings.cmd" /inheritance:r /grant:r ${SID_ADMINS}:F ${SID_SYSTEM}:F ${SID_LOCAL_SERVICE}:R'
  Pop $0

  FileOpen $1 "$INSTDIR\run-relay.cmd" w
  FileWrite $1 "@echo off$\r$\n"
  FileWrite $1 "rem Started by the '${RELAY_TASK}' scheduled task; settings in the file below.$\r$\n"
  FileWrite $1 'call "%ProgramData%\${PRODUCT}\relay-settings.cmd"$\r$\n'
  FileWrite $1 '"%~dp0wardlink.exe" relay serve --data "%WARDLINK_RELAY_DATA%" --host %WARDLINK_RELAY_HOST% --port %WARDLINK_RELAY_PORT% %WARDLINK_RELAY_OPTIONS% >> "%WARDLINK_RELAY_DATA%\relay-console.log" 2>&1$\r$\n'
  FileClose $1

  ; Task definition: at boot, as Local Service, no time limit, restart every minute on failure.
  FileOpen $1 "$PLUGINSDIR\relay-task.xml" w
  FileWrite $1 '<?xml version="1.0" encoding="UTF-8"?>$\r$\n'
  FileWrite $1 '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">$\r$\n'
  FileWrite $1 '  <RegistrationInfo><Description>WardLink relay: stores and forwards end-to-end encrypted messages.</Description></RegistrationInfo>$\r$\n'
  FileWrite $1 '  <Triggers><BootTrigger><Enabled>true</Enabled></BootTrigger></Triggers>$\r$\n'
  FileWrite $1 '  <Principals><Principal id="Relay"><UserId>S-1-5-19</UserId><LogonType>ServiceAccount</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>$\r$\n'
  FileWrite $1 '  <Settings>$\r$\n'
  FileWrite $1 '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>$\r$\n'
  FileWrite $1 '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>$\r$\n'
  FileWrite $1 '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>$\r$\n'
  FileWrite $1 '    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>$\r$\n'
  FileWrite $1 '    <RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure>$\r$\n'
  FileWrite $1 '    <StartWhenAvailable>true</StartWhenAvailable>$\r$\n'
  FileWrite $1 '    <Enabled>true</Enabled>$\r$\n'
  FileWrite $1 '  </Settings>$\r$\n'
  FileWrite $1 '  <Actions Context="Relay"><Exec><Command>"$INSTDIR\run-relay.cmd"</Command></Exec></Actions>$\r$\n'
  FileWrite $1 '</Task>$\r$\n'
  FileClose $1
  nsExec::ExecToLog 'schtasks.exe /Create /F /TN "${RELAY_TASK}" /XML "$PLUGINSDIR\relay-task.xml"'
  Pop $0
  ${If} $0 != 0
    DetailPrint "schtasks /Create failed ($0): the relay task was not registered."
    SetErrors
  ${EndIf}

  ; Ward PCs reach the relay over TCP; zeroconf adverts use UDP 5353.
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="${FIREWALL_RULE}"'
  Pop $0
  nsExec::ExecToLog 'netsh advfirewall firewall add rule name="${FIREWALL_RULE}" dir=in action=allow program="$INSTDIR\wardlink.exe" enable=yes profile=domain,private'
  Pop $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "RelayTask" 1
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} $(DESC_APP)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecRelay} $(DESC_RELAY)
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "$(NEED_X64)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  InitPluginsDir
  ; /RELAY on the command line selects the relay section (for silent installs).
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/RELAY" $R1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecRelay}
  ${EndIf}
FunctionEnd

; ---- uninstall -------------------------------------------------------------------------
; Removes the program, the shortcut, the relay task and firewall rule, and the registry
; entry. Keeps %ProgramData%\WardLink (the machine policy and the relay's data: the
; organisation's keys) and every person's encrypted container under their own profile.

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "Uninstall"
  nsExec::ExecToLog 'schtasks.exe /End /TN "${RELAY_TASK}"'
  Pop $0
  nsExec::ExecToLog 'schtasks.exe /Delete /F /TN "${RELAY_TASK}"'
  Pop $0
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="${FIREWALL_RULE}"'
  Pop $0

  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  ; Only what the installer put there, never a recursive delete of $INSTDIR itself.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\wardlink.exe"
  Delete "$INSTDIR\wardlinkw.exe"
  Delete "$INSTDIR\run-relay.cmd"
  Delete "$INSTDIR\policy.json.example"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
