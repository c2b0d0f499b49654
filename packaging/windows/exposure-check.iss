; Inno Setup 6 script for Exposure Check: a per-machine install of the PyInstaller onedir, with an
; optional org pack and pinned signing key in {app}\distribution (where the app looks for them).
;
; Build (see packaging/README.md):
;   python packaging\build.py --org-pack path\to\org-pack --pubkey path\to\org-signing-key.pub.pem
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\exposure-check packaging\windows\exposure-check.iss
; build.py already stages the org pack and key into dist\exposure-check\distribution. To brand an
; existing onedir instead, pass them here:  /DOrgPack=C:\acme\org-pack /DPinnedKey=C:\acme\key.pub.pem
; Optional: /DOrgName="Acme" /DOutputBase=ExposureCheck-Acme-Setup
;
; Silent install for deployment tools (SCCM/Intune/PDQ/GPO), documented in docs/admin-guide.md:
;   ExposureCheck-Setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /SP- /LOG="%TEMP%\ec-setup.log"
;   optional: /DIR="D:\Apps\Exposure Check"  /NOICONS  /POLICY="\\server\share\policy.toml"
;   (/POLICY copies a site policy to C:\ProgramData\exposure-check\policy.toml)
; Silent uninstall:
;   "C:\Program Files\Exposure Check\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Exit code 0 means success; see the Inno Setup documentation for the others.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\exposure-check"
#endif
#ifndef OrgName
  #define OrgName ""
#endif
#ifndef OutputBase
  #define OutputBase "ExposureCheck-" + AppVersion + "-Setup"
#endif
#define AppName "Exposure Check"

[Setup]
; Keep this AppId for every build, branded or not: upgrades then replace the install in place
; and user data (in each user's profile) is never touched.
AppId={{6F1C2E7A-4B3D-4F0E-9E2A-EC0C4EC4A001}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#OrgName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-machine: Program Files and all-users shortcuts; needs elevation.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename={#OutputBase}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\exposure-check-gui.exe
CloseApplications=yes
SetupLogging=yes
#ifexist "..\..\build\icons\exposure-check.ico"
SetupIconFile=..\..\build\icons\exposure-check.ico
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#ifexist "compiler:Languages\ChineseSimplified.isl"
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An org pack from an older install must not linger next to a new one.
Type: filesandordirs; Name: "{app}\distribution"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
#ifdef OrgPack
Source: "{#OrgPack}\*"; DestDir: "{app}\distribution\org-pack"; Flags: ignoreversion recursesubdirs createallsubdirs
#endif
#ifdef PinnedKey
Source: "{#PinnedKey}"; DestDir: "{app}\distribution"; DestName: "pinned_key.pem"; Flags: ignoreversion
#endif
; A site policy named on the command line (/POLICY=...), copied at install time.
Source: "{param:POLICY}"; DestDir: "{commonappdata}\exposure-check"; DestName: "policy.toml"; Flags: external skipifsourcedoesntexist uninsneveruninstall; Check: HasPolicyParam

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\exposure-check-gui.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\exposure-check-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\exposure-check-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\distribution"

[Code]
function HasPolicyParam: Boolean;
begin
  Result := ExpandConstant('{param:POLICY|}') <> '';
end;
