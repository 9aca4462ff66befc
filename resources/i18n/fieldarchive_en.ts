<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>HistoryDialog</name>
    <message numerus="yes">
        <source>Entry #{number}: %n versions</source>
        <translation>
            <numerusform>Entry #{number}: %n version</numerusform>
            <numerusform>Entry #{number}: %n versions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>⚠ Last backup %n day(s) ago: copy the store to another disk (fieldarchive backup)</source>
        <translation>
            <numerusform>⚠ Last backup %n day ago: copy the store to another disk (fieldarchive backup)</numerusform>
            <numerusform>⚠ Last backup %n days ago: copy the store to another disk (fieldarchive backup)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message numerus="yes">
        <source>Review %n entries: {numbers}. The reviewer confirms with their passphrase; nobody reviews their own entries.</source>
        <translation>
            <numerusform>Review %n entry: {numbers}. The reviewer confirms with their passphrase; nobody reviews their own entries.</numerusform>
            <numerusform>Review %n entries: {numbers}. The reviewer confirms with their passphrase; nobody reviews their own entries.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkLogPage</name>
    <message numerus="yes">
        <source>%n entries approved.</source>
        <translation>
            <numerusform>%n entry approved.</numerusform>
            <numerusform>%n entries approved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries returned with comments.</source>
        <translation>
            <numerusform>%n entry returned with comments.</numerusform>
            <numerusform>%n entries returned with comments.</numerusform>
        </translation>
    </message>
</context>
</TS>
