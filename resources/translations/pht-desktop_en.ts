<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Counted</name>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s)</source>
        <translation>
            <numerusform>%n prompt</numerusform>
            <numerusform>%n prompts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bout(s) over 40 min</source>
        <translation>
            <numerusform>%n bout over 40 min</numerusform>
            <numerusform>%n bouts over 40 min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message numerus="yes">
        <source>%n more error(s) since. The details are in the log file.</source>
        <translation>
            <numerusform>%n more error since. The details are in the log file.</numerusform>
            <numerusform>%n more errors since. The details are in the log file.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PromptWindow</name>
    <message numerus="yes">
        <source>You&apos;ve snoozed %n time(s) in a row, so this one is Stand now or Skip.</source>
        <translation>
            <numerusform>You&apos;ve snoozed %n time in a row, so this one is Stand now or Skip.</numerusform>
            <numerusform>You&apos;ve snoozed %n times in a row, so this one is Stand now or Skip.</numerusform>
        </translation>
    </message>
</context>
</TS>
