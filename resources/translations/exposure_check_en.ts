<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BackupDialog</name>
    <message numerus="yes">
        <source>Saved an encrypted backup of %n audit(s) to %1.</source>
        <translation>
            <numerusform>Saved an encrypted backup of %n audit to %1.</numerusform>
            <numerusform>Saved an encrypted backup of %n audits to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n audit(s) from the backup.</source>
        <translation>
            <numerusform>Restored %n audit from the backup.</numerusform>
            <numerusform>Restored %n audits from the backup.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message numerus="yes">
        <source>%n audit(s) from %1 to %2.</source>
        <translation>
            <numerusform>%n audit from %1 to %2.</numerusform>
            <numerusform>%n audits from %1 to %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved a re-check every %n day(s) to %1.</source>
        <translation>
            <numerusform>Saved a re-check every %n day to %1.</numerusform>
            <numerusform>Saved a re-check every %n days to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message numerus="yes">
        <source>%n saved record(s) could not be read because the file was damaged; the rest of your data is fine, and a local backup may hold an intact copy. Left out:</source>
        <translation>
            <numerusform>%n saved record could not be read because the file was damaged; the rest of your data is fine, and a local backup may hold an intact copy. Left out:</numerusform>
            <numerusform>%n saved records could not be read because the file was damaged; the rest of your data is fine, and a local backup may hold an intact copy. Left out:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecheckBanner</name>
    <message numerus="yes">
        <source>Time to re-check: your last audit was %n day(s) ago.</source>
        <translation>
            <numerusform>Time to re-check: your last audit was %n day ago.</numerusform>
            <numerusform>Time to re-check: your last audit was %n days ago.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) you marked done need(s) checking again.</source>
        <translation>
            <numerusform>%n fix you marked done needs checking again.</numerusform>
            <numerusform>%n fixes you marked done need checking again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewerView</name>
    <message numerus="yes">
        <source>%n finding(s).</source>
        <translation>
            <numerusform>%n finding.</numerusform>
            <numerusform>%n findings.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message numerus="yes">
        <source>Saved: re-check every %n day(s).</source>
        <translation>
            <numerusform>Saved: re-check every %n day.</numerusform>
            <numerusform>Saved: re-check every %n days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message numerus="yes">
        <source>%n audit(s); the latest total score is %1 of 100</source>
        <translation>
            <numerusform>%n audit; the latest total score is %1 of 100</numerusform>
            <numerusform>%n audits; the latest total score is %1 of 100</numerusform>
        </translation>
    </message>
</context>
</TS>
