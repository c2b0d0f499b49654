<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApproachView</name>
    <message>
        <source>Approach check</source>
        <translation>接触检查</translation>
    </message>
    <message>
        <source>Someone you do not know well got in touch. Answer a few questions to see how worrying it is and what to do now.</source>
        <translation>有不太熟悉的人联系了你。回答几个问题，看看这有多值得担心，以及现在该怎么做。</translation>
    </message>
    <message>
        <source>How did they make contact?</source>
        <translation>对方是怎么联系你的？</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>How the contact got in touch</source>
        <translation>对方联系你的方式</translation>
    </message>
    <message>
        <source>Did any of these happen?</source>
        <translation>是否发生过以下情况？</translation>
    </message>
    <message>
        <source>Notes (optional, saved only if you save the result):</source>
        <translation>备注（可选，只有保存结果时才会保存）：</translation>
    </message>
    <message>
        <source>Notes about the approach</source>
        <translation>关于这次接触的备注</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Rate this approach</source>
        <translation>评估这次接触</translation>
    </message>
    <message>
        <source>Save result to my vault</source>
        <translation>把结果保存到我的加密库</translation>
    </message>
    <message>
        <source>Save this result in the encrypted vault</source>
        <translation>把这个结果保存到加密库</translation>
    </message>
    <message>
        <source>Whether the result was saved</source>
        <translation>结果是否已保存</translation>
    </message>
    <message>
        <source>Reasons and what to do now</source>
        <translation>理由以及现在该怎么做</translation>
    </message>
    <message>
        <source>Low concern</source>
        <translation>不太需要担心</translation>
    </message>
    <message>
        <source>Medium concern</source>
        <translation>需要留意</translation>
    </message>
    <message>
        <source>High concern</source>
        <translation>非常值得警惕</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>None of the red flags you ticked apply. Stay alert.</source>
        <translation>你勾选的情况都不属于危险信号。请保持警惕。</translation>
    </message>
    <message>
        <source>What to do now:</source>
        <translation>现在该怎么做：</translation>
    </message>
    <message>
        <source>Where to report: %1</source>
        <translation>向哪里报告：%1</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Saved in your encrypted vault.</source>
        <translation>已保存到你的加密库。</translation>
    </message>
    <message>
        <source>The result could not be saved: %1</source>
        <translation>无法保存结果：%1</translation>
    </message>
</context>
<context>
    <name>AuditListModel</name>
    <message>
        <source>%1 — score %2</source>
        <translation>%1 — 得分 %2</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Audit progress</source>
        <translation>自查进度</translation>
    </message>
    <message>
        <source>How many questions you have answered</source>
        <translation>你已回答的问题数</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一页(&amp;B)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>The previous page of questions</source>
        <translation>上一页问题</translation>
    </message>
    <message>
        <source>&amp;Confirm all on this page</source>
        <translation>确认本页全部回答(&amp;C)</translation>
    </message>
    <message>
        <source>Confirm all on this page</source>
        <translation>确认本页全部回答</translation>
    </message>
    <message>
        <source>Keep every answer from last time on this page as it is</source>
        <translation>本页上次的回答全部保持不变</translation>
    </message>
    <message>
        <source>Save and continue &amp;later</source>
        <translation>保存，稍后继续(&amp;L)</translation>
    </message>
    <message>
        <source>Save and continue later</source>
        <translation>保存，稍后继续</translation>
    </message>
    <message>
        <source>Every answer is already saved; you can close the app now</source>
        <translation>每个回答都已保存，现在可以关闭应用</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一页(&amp;N)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>The next page of questions</source>
        <translation>下一页问题</translation>
    </message>
    <message>
        <source>No questions apply</source>
        <translation>没有适用的问题</translation>
    </message>
    <message>
        <source>With the profile you gave, none of the questions apply. You can finish now.</source>
        <translation>根据你填写的个人情况，没有适用的问题。现在即可完成。</translation>
    </message>
    <message>
        <source>Your answer last time ({date}). Still right? Choose it again or change it.</source>
        <translation>这是你上次（{date}）的回答。现在还对吗？请再选一次，或改选其他选项。</translation>
    </message>
    <message>
        <source>Answer from your last audit</source>
        <translation>上次自查的回答</translation>
    </message>
    <message>
        <source>{label} (counts as partly exposed)</source>
        <translation>{label}（按部分暴露计分）</translation>
    </message>
    <message>
        <source>Question {n} of {count}: {question}</source>
        <translation>第 {n} 题，共 {count} 题：{question}</translation>
    </message>
    <message>
        <source>Why this matters</source>
        <translation>为什么这很重要</translation>
    </message>
    <message>
        <source>%v of %m answered</source>
        <translation>已回答 %v / %m</translation>
    </message>
    <message>
        <source>Page {page} of {pages}. Every answer is saved as you go. A question you skip counts as partly exposed.</source>
        <translation>第 {page} 页，共 {pages} 页。每个回答都会随时保存。跳过的问题按部分暴露计分。</translation>
    </message>
    <message>
        <source>{n} answers from last time still need your confirmation; until you confirm them they count as skipped.</source>
        <translation>还有 {n} 个上次的回答需要你确认；确认之前按跳过计分。</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Record this audit and see your score</source>
        <translation>记录本次自查并查看得分</translation>
    </message>
    <message>
        <source>Recording your audit…</source>
        <translation>正在记录本次自查…</translation>
    </message>
    <message>
        <source>Your answers are saved in the vault. You can close Exposure Check and continue later where you left off.</source>
        <translation>你的回答已保存在加密库中。可以关闭 Exposure Check，稍后从中断处继续。</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Encrypted backup</source>
        <translation>加密备份</translation>
    </message>
    <message>
        <source>A backup holds everything in your vault, encrypted with a backup passphrase of its own. Without that passphrase nobody can open it, not even you.</source>
        <translation>备份包含加密库中的全部内容，并用单独的备份口令加密。没有这个口令，任何人都打不开它，包括你自己。</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backup passphrase</source>
        <translation>备份口令</translation>
    </message>
    <message>
        <source>Repeat the backup passphrase</source>
        <translation>再次输入备份口令</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <source>Save backup…</source>
        <translation>保存备份…</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Passphrase of the backup to restore</source>
        <translation>要恢复的备份的口令</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Backup status</source>
        <translation>备份状态</translation>
    </message>
    <message>
        <source>Wrong backup passphrase. Use the passphrase chosen when this backup was made (not your vault passphrase). Nothing was changed.</source>
        <translation>备份口令不正确。请使用创建此备份时设置的口令（不是加密库口令）。没有做任何更改。</translation>
    </message>
    <message>
        <source>This backup was made by a newer version of Exposure Check. Please update the app to restore it. Nothing was changed.</source>
        <translation>此备份由更新版本的 Exposure Check 创建。请更新应用后再恢复。没有做任何更改。</translation>
    </message>
    <message>
        <source>This file is not an Exposure Check backup. Nothing was changed.</source>
        <translation>这个文件不是 Exposure Check 备份。没有做任何更改。</translation>
    </message>
    <message>
        <source>This backup file is damaged or was altered. Use another copy. Nothing was changed.</source>
        <translation>这个备份文件已损坏或被改动过。请使用另一份副本。没有做任何更改。</translation>
    </message>
    <message>
        <source>The backup file cannot be read.</source>
        <translation>无法读取备份文件。</translation>
    </message>
    <message>
        <source>Choose a backup passphrase.</source>
        <translation>请设置备份口令。</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>备份失败：%1</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>Save backup</source>
        <translation>保存备份</translation>
    </message>
    <message>
        <source>Exposure Check backup (*%1)</source>
        <translation>Exposure Check 备份 (*%1)</translation>
    </message>
    <message>
        <source>Encrypting the backup…</source>
        <translation>正在加密备份…</translation>
    </message>
    <message numerus="yes">
        <source>Saved an encrypted backup of %n audit(s) to %1.</source>
        <translation>
            <numerusform>已把包含 %n 次自查的加密备份保存到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Exposure Check backup (*%1);;All files (*)</source>
        <translation>Exposure Check 备份 (*%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Your vault passphrase</source>
        <translation>你的加密库口令</translation>
    </message>
    <message>
        <source>Type your vault passphrase. The restored vault keeps it, with new keys.</source>
        <translation>请输入加密库口令。恢复后的加密库继续使用这个口令，但会换用新的密钥。</translation>
    </message>
    <message>
        <source>Replace everything?</source>
        <translation>要替换全部内容吗？</translation>
    </message>
    <message>
        <source>Your vault already holds answers and audits. Restoring this backup replaces all of them, and cannot be undone. Replace?</source>
        <translation>你的加密库中已有回答和自查记录。恢复此备份会替换全部内容，且无法撤销。要替换吗？</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n audit(s) from the backup.</source>
        <translation>
            <numerusform>已从备份恢复 %n 次自查。</numerusform>
        </translation>
    </message>
    <message>
        <source>Replacing your vault with the backup…</source>
        <translation>正在用备份替换你的加密库…</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>没有做任何更改。</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>保存报告…</translation>
    </message>
    <message>
        <source>Save a report of the latest audit</source>
        <translation>保存最近一次自查的报告</translation>
    </message>
    <message>
        <source>Redacted (for a security officer)</source>
        <translation>脱敏版（供安全负责人查看）</translation>
    </message>
    <message>
        <source>Only scores, counts by state, dates and the pack version: no answers, no profile, no notes.</source>
        <translation>只包含得分、各状态的数量、日期和清单版本：不含回答、个人情况和备注。</translation>
    </message>
    <message>
        <source>Add re-checks to my calendar…</source>
        <translation>把复查加入日历…</translation>
    </message>
    <message>
        <source>Save a calendar file with a recurring re-check event</source>
        <translation>保存一个包含定期复查事件的日历文件</translation>
    </message>
    <message>
        <source>Back up or restore…</source>
        <translation>备份或恢复…</translation>
    </message>
    <message>
        <source>Encrypted backup: save or restore</source>
        <translation>加密备份：保存或恢复</translation>
    </message>
    <message>
        <source>Audits, newest first</source>
        <translation>自查记录，最新的在前</translation>
    </message>
    <message>
        <source>Earlier audit</source>
        <translation>较早的自查</translation>
    </message>
    <message>
        <source>Later audit</source>
        <translation>较晚的自查</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Changes between the two audits</source>
        <translation>两次自查之间的变化</translation>
    </message>
    <message>
        <source>No audits yet. Complete an audit to start your history.</source>
        <translation>还没有自查记录。完成一次自查后即开始记录历史。</translation>
    </message>
    <message numerus="yes">
        <source>%n audit(s) from %1 to %2.</source>
        <translation>
            <numerusform>从 %1 到 %2 共 %n 次自查。</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no audit to report yet.</source>
        <translation>还没有可以生成报告的自查。</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved the redacted report to %1.</source>
        <translation>已把脱敏报告保存到 %1。</translation>
    </message>
    <message>
        <source>Saved the full report to %1.</source>
        <translation>已把完整报告保存到 %1。</translation>
    </message>
    <message>
        <source>Save calendar file</source>
        <translation>保存日历文件</translation>
    </message>
    <message>
        <source>Calendar (*.ics)</source>
        <translation>日历 (*.ics)</translation>
    </message>
    <message numerus="yes">
        <source>Saved a re-check every %n day(s) to %1.</source>
        <translation>
            <numerusform>已把每 %n 天一次的复查保存到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>未回答</translation>
    </message>
    <message>
        <source>Choose two different audits to compare.</source>
        <translation>请选择两次不同的自查进行比较。</translation>
    </message>
    <message>
        <source>Score %1 → %2 (%3).</source>
        <translation>得分 %1 → %2（%3）。</translation>
    </message>
    <message>
        <source>Newly exposed</source>
        <translation>新暴露</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>已修复</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>有变化</translation>
    </message>
    <message>
        <source>New items</source>
        <translation>新增项目</translation>
    </message>
    <message>
        <source>No longer asked</source>
        <translation>不再询问</translation>
    </message>
    <message>
        <source>No changes</source>
        <translation>没有变化</translation>
    </message>
    <message>
        <source>Your vault now holds the backup, with new keys. Keep the new recovery key: the old one no longer works.</source>
        <translation>加密库现已换成备份中的内容，并启用了新的密钥。请保存新的恢复密钥：旧的恢复密钥已经失效。</translation>
    </message>
    <message>
        <source>{problem} Your vault was not changed.</source>
        <translation>{problem} 你的加密库没有任何改动。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loading the checklist…</source>
        <translation>正在加载检查清单…</translation>
    </message>
    <message>
        <source>Start-up status</source>
        <translation>启动状态</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>栏目</translation>
    </message>
    <message>
        <source>Choose a section; use the arrow keys to move</source>
        <translation>选择栏目；用方向键移动</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>正在处理</translation>
    </message>
    <message>
        <source>Something is being saved or loaded</source>
        <translation>正在保存或加载数据</translation>
    </message>
    <message>
        <source>Exposure Check could not start:
{message}</source>
        <translation>Exposure Check 无法启动：
{message}</translation>
    </message>
    <message>
        <source>{name} logo</source>
        <translation>{name} 标志</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>个人情况</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>自查</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>改进计划</translation>
    </message>
    <message>
        <source>Settings and privacy</source>
        <translation>设置与隐私</translation>
    </message>
    <message>
        <source>Time to re-check</source>
        <translation>该复查了</translation>
    </message>
    <message>
        <source>This page could not be opened. The rest of Exposure Check works as usual.</source>
        <translation>此页面无法打开。Exposure Check 的其他功能不受影响，可照常使用。</translation>
    </message>
    <message>
        <source>All data was deleted. Close Exposure Check, or start again.</source>
        <translation>所有数据已删除。可以关闭 Exposure Check，或重新开始。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>That recovery key does not unlock this vault. Check it and try again.</source>
        <translation>这个恢复密钥无法打开此加密库。请核对后重试。</translation>
    </message>
    <message>
        <source>That passphrase does not unlock this vault. Check it and try again, or use your recovery key.</source>
        <translation>这个口令无法打开此加密库。请核对后重试，或使用恢复密钥。</translation>
    </message>
    <message>
        <source>No working system key store was found, so a passphrase is required to protect your answers.</source>
        <translation>没有找到可用的系统密钥库，因此需要设置口令来保护你的回答。</translation>
    </message>
    <message>
        <source>The system key store changed since this vault was last unlocked (it was {old}, it is now {new}). Your data is intact. Unlock with your passphrase or recovery key.</source>
        <translation>自上次解锁以来，系统密钥库已更换（原为 {old}，现为 {new}）。你的数据完好无损。请用口令或恢复密钥解锁。</translation>
    </message>
    <message>
        <source>The system key store ({backend}) is locked, or its prompt was dismissed. Unlock it and try again, or use your passphrase or recovery key.</source>
        <translation>系统密钥库（{backend}）已锁定，或其提示被关闭。请先解锁后重试，或使用口令或恢复密钥。</translation>
    </message>
    <message>
        <source>The system key store ({backend}) did not answer in time. Try again, or use your passphrase or recovery key.</source>
        <translation>系统密钥库（{backend}）未能及时响应。请重试，或使用口令或恢复密钥。</translation>
    </message>
    <message>
        <source>The vault&apos;s key is no longer in the system key store ({backend}). Your data is intact. Unlock with your passphrase or recovery key.</source>
        <translation>加密库的密钥已不在系统密钥库（{backend}）中。你的数据完好无损。请用口令或恢复密钥解锁。</translation>
    </message>
    <message>
        <source>The system key store is not available. Unlock with your passphrase or recovery key instead.</source>
        <translation>系统密钥库不可用。请改用口令或恢复密钥解锁。</translation>
    </message>
    <message>
        <source>This vault needs its passphrase or recovery key to open.</source>
        <translation>打开此加密库需要口令或恢复密钥。</translation>
    </message>
    <message>
        <source>This vault was written by a newer version of Exposure Check. Please use a newer version. Nothing was changed.</source>
        <translation>此加密库由更新版本的 Exposure Check 写入。请使用新版本。没有做任何更改。</translation>
    </message>
    <message>
        <source>A saved record is damaged and cannot be read ({kind} {id}). It was not used; the rest of your data is unaffected.</source>
        <translation>一条已保存的记录已损坏，无法读取（{kind} {id}）。它没有被使用；其余数据不受影响。</translation>
    </message>
    <message>
        <source>The vault file is damaged. It was moved aside, not deleted. {count} local backup(s) are available.</source>
        <translation>加密库文件已损坏。它已被移到一旁，没有删除。有 {count} 个本地备份可用。</translation>
    </message>
    <message>
        <source>The disk holding {path} is full, so nothing was saved. Your earlier data is intact. Free some space and try again.</source>
        <translation>{path} 所在磁盘已满，因此没有保存任何内容。之前的数据完好无损。请清理空间后重试。</translation>
    </message>
    <message>
        <source>Exposure Check cannot write to {path}, so nothing was saved. Your earlier data is intact. Check the folder&apos;s permissions.</source>
        <translation>Exposure Check 无法写入 {path}，因此没有保存任何内容。之前的数据完好无损。请检查文件夹权限。</translation>
    </message>
    <message>
        <source>The vault is closed; unlock it again.</source>
        <translation>加密库已关闭，请重新解锁。</translation>
    </message>
    <message>
        <source>The operation did not finish in time. Please try again.</source>
        <translation>操作未能及时完成，请重试。</translation>
    </message>
    <message>
        <source>Something went wrong: {detail}</source>
        <translation>出现问题：{detail}</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Notices about this installation</source>
        <translation>关于本次安装的提示</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Hide the notices</source>
        <translation>隐藏这些提示</translation>
    </message>
    <message>
        <source>Hide these notices until Exposure Check starts again</source>
        <translation>隐藏这些提示，下次启动 Exposure Check 时会再显示</translation>
    </message>
    <message>
        <source>Your organisation&apos;s checklist was refused because it failed a check, so Exposure Check is running on its built-in checklist alone. Tell your IT or security team:</source>
        <translation>贵单位的检查清单未通过校验，已被拒绝加载，Exposure Check 目前只使用内置清单。请将以下信息告知 IT 或安全部门：</translation>
    </message>
    <message>
        <source>Your organisation&apos;s checklist is in use without a signature check, because this installation has no signing key pinned. The checklist is in:</source>
        <translation>本次安装没有固定签名公钥，因此贵单位的检查清单未经签名校验就已启用。清单位置：</translation>
    </message>
    <message numerus="yes">
        <source>%n saved record(s) could not be read because the file was damaged; the rest of your data is fine, and a local backup may hold an intact copy. Left out:</source>
        <translation>
            <numerusform>有 %n 条保存的记录因文件损坏而无法读取；其余数据完好，本机的自动备份中可能还有完好的副本。已略过的记录类型：</numerusform>
        </translation>
    </message>
    <message>
        <source>The settings your administrator set for this computer could not be read, so the built-in defaults are in use. Tell your IT team:</source>
        <translation>无法读取管理员为本机配置的设置，目前使用内置默认值。请将以下信息告知 IT 部门：</translation>
    </message>
    <message>
        <source>Notice:</source>
        <translation>提示：</translation>
    </message>
</context>
<context>
    <name>Notify</name>
    <message>
        <source>Exposure Check: time to re-check</source>
        <translation>Exposure Check：该复查了</translation>
    </message>
</context>
<context>
    <name>PlanView</name>
    <message>
        <source>Your plan</source>
        <translation>你的改进计划</translation>
    </message>
    <message>
        <source>Score now</source>
        <translation>当前得分</translation>
    </message>
    <message>
        <source>Ranked by how much each step lowers your score for the time it takes. Mark a step done when you have made the change; the score updates at once.</source>
        <translation>按每一步在所需时间内能降低多少分排序。完成修改后把这一步标记为已完成，得分会立即更新。</translation>
    </message>
    <message>
        <source>Your security contact</source>
        <translation>你单位的安全联系人</translation>
    </message>
    <message>
        <source>Plan steps</source>
        <translation>计划步骤</translation>
    </message>
    <message>
        <source>Steps ranked by priority; the first one is the one to do first</source>
        <translation>按优先级排列的步骤；第一项就是最先要做的</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>标记为已完成(&amp;D)</translation>
    </message>
    <message>
        <source>N&amp;ot applicable</source>
        <translation>不适用(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Risk accepted</source>
        <translation>接受风险(&amp;R)</translation>
    </message>
    <message>
        <source>Back to &amp;to-do</source>
        <translation>改回待办(&amp;T)</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标记为已完成</translation>
    </message>
    <message>
        <source>You have made this change; the score drops accordingly</source>
        <translation>你已完成这项修改，得分会相应降低</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>This step does not apply to you; it leaves the score</source>
        <translation>这一步不适用于你，不再计入得分</translation>
    </message>
    <message>
        <source>Risk accepted</source>
        <translation>接受风险</translation>
    </message>
    <message>
        <source>You choose to keep this as it is; it stays in the score</source>
        <translation>你选择保持现状，它仍计入得分</translation>
    </message>
    <message>
        <source>Back to to-do</source>
        <translation>改回待办</translation>
    </message>
    <message>
        <source>Undo the mark and put the step back on the list</source>
        <translation>撤销标记，把这一步放回清单</translation>
    </message>
    <message>
        <source>If someone approaches you about your work, report it to {name}: {ways}</source>
        <translation>如果有人就你的工作来接近你，请向{name}报告：{ways}</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>Costs money</source>
        <translation>需要花钱</translation>
    </message>
    <message>
        <source>Takes ongoing time</source>
        <translation>需要持续投入时间</translation>
    </message>
    <message>
        <source>Done on {date}</source>
        <translation>已于 {date} 完成</translation>
    </message>
    <message>
        <source>Marked not applicable on {date}</source>
        <translation>已于 {date} 标记为不适用</translation>
    </message>
    <message>
        <source>Risk accepted on {date}</source>
        <translation>已于 {date} 接受风险</translation>
    </message>
    <message>
        <source>Done on {date}, but that was long ago: check it again</source>
        <translation>已于 {date} 完成，但时间已久，请再检查一次</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Finish an audit to get your plan.</source>
        <translation>完成一次自查后即可获得改进计划。</translation>
    </message>
    <message>
        <source>Score now: {score} of 100 (lower is better)</source>
        <translation>当前得分：{score}（满分 100，越低越好）</translation>
    </message>
    <message>
        <source>To do ({n})</source>
        <translation>待办（{n}）</translation>
    </message>
    <message>
        <source>Do this first: {title}</source>
        <translation>最先做：{title}</translation>
    </message>
    <message>
        <source>Done ({n})</source>
        <translation>已完成（{n}）</translation>
    </message>
    <message>
        <source>Risk accepted ({n})</source>
        <translation>接受风险（{n}）</translation>
    </message>
    <message>
        <source>Not applicable ({n})</source>
        <translation>不适用（{n}）</translation>
    </message>
    <message>
        <source>Nothing left to do. Well done.</source>
        <translation>没有剩下的事了，做得好。</translation>
    </message>
    <message>
        <source>Do this first</source>
        <translation>最先做这一步</translation>
    </message>
    <message>
        <source>About {minutes} min · {cost} · lowers your score by up to {points} points</source>
        <translation>约 {minutes} 分钟 · {cost} · 最多可降低 {points} 分</translation>
    </message>
    <message>
        <source>How to do it on {platform}</source>
        <translation>在{platform}上怎么做</translation>
    </message>
    <message>
        <source>These steps were last checked on {date}; menus change, so look for similar wording if a name differs.</source>
        <translation>这些步骤最后核对于 {date}；菜单可能会变，如果名称不同，请找意思相近的选项。</translation>
    </message>
</context>
<context>
    <name>PlatformPicker</name>
    <message>
        <source>Search platforms</source>
        <translation>搜索平台</translation>
    </message>
    <message>
        <source>Type part of a name to filter the list below</source>
        <translation>输入名称的一部分来筛选下面的列表</translation>
    </message>
    <message>
        <source>Press Space to tick or untick the selected platform</source>
        <translation>按空格键勾选或取消勾选所选平台</translation>
    </message>
    <message>
        <source>International services</source>
        <translation>境外服务</translation>
    </message>
    <message>
        <source>Chinese services</source>
        <translation>国内服务</translation>
    </message>
    <message>
        <source>Other places</source>
        <translation>其他地方</translation>
    </message>
</context>
<context>
    <name>ProfileView</name>
    <message>
        <source>About you</source>
        <translation>关于你</translation>
    </message>
    <message>
        <source>These answers decide which questions apply to you. You can change them later.</source>
        <translation>这些回答决定哪些问题适用于你，之后可以随时修改。</translation>
    </message>
    <message>
        <source>&amp;Save and continue</source>
        <translation>保存并继续(&amp;S)</translation>
    </message>
    <message>
        <source>Save and continue</source>
        <translation>保存并继续</translation>
    </message>
    <message>
        <source>Save your profile and go on to the questions</source>
        <translation>保存个人情况，进入问题</translation>
    </message>
    <message>
        <source>(choose one)</source>
        <translation>（请选择一项）</translation>
    </message>
    <message>
        <source>What could identify you</source>
        <translation>可能暴露你身份的信息</translation>
    </message>
    <message>
        <source>Used later to check your own posts and search results for these details. They stay encrypted in the vault on this computer and are never sent anywhere. One entry per line; leave empty what you prefer not to enter.</source>
        <translation>稍后用于在你自己的帖子和搜索结果中查找这些信息。它们加密保存在本机的加密库中，绝不会发送到任何地方。每行填一项；不想填写的可以留空。</translation>
    </message>
    <message>
        <source>Privacy note</source>
        <translation>隐私说明</translation>
    </message>
    <message>
        <source>Your names</source>
        <translation>你的姓名</translation>
    </message>
    <message>
        <source>Names you are known by, including other spellings and scripts</source>
        <translation>别人称呼你的名字，包括其他拼写和文字写法</translation>
    </message>
    <message>
        <source>Employers</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Current and recent employers</source>
        <translation>现在和最近的工作单位</translation>
    </message>
    <message>
        <source>Job titles</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Your job titles</source>
        <translation>你的职务名称</translation>
    </message>
    <message>
        <source>Teams or units</source>
        <translation>团队或部门</translation>
    </message>
    <message>
        <source>Teams, departments, labs or units</source>
        <translation>团队、部门、实验室或单位</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Project or programme names</source>
        <translation>项目或计划名称</translation>
    </message>
    <message>
        <source>Work email domains</source>
        <translation>工作邮箱域名</translation>
    </message>
    <message>
        <source>For example example.org, without the name before @</source>
        <translation>例如 example.org，不含 @ 前面的部分</translation>
    </message>
    <message>
        <source>Email addresses</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Work and personal email addresses</source>
        <translation>工作和个人电子邮箱</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>Work and personal phone numbers</source>
        <translation>工作和个人电话号码</translation>
    </message>
    <message>
        <source>Online handles</source>
        <translation>网络账号名</translation>
    </message>
    <message>
        <source>User names on the platforms you use</source>
        <translation>你在各平台上使用的用户名</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>RecheckBanner</name>
    <message>
        <source>Re-check reminder</source>
        <translation>复查提醒</translation>
    </message>
    <message>
        <source>Start the re-check</source>
        <translation>开始复查</translation>
    </message>
    <message>
        <source>Go through the audit again, starting from your last answers</source>
        <translation>从上次的回答开始，再做一遍自查</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Remind me later</source>
        <translation>稍后提醒我</translation>
    </message>
    <message>
        <source>Hide this reminder until Exposure Check starts again</source>
        <translation>隐藏这条提醒，下次启动 Exposure Check 时会再显示</translation>
    </message>
    <message>
        <source>You have not completed an audit yet. It takes about 15 minutes.</source>
        <translation>你还没有完成过自查。大约需要 15 分钟。</translation>
    </message>
    <message numerus="yes">
        <source>Time to re-check: your last audit was %n day(s) ago.</source>
        <translation>
            <numerusform>该复查了：你上次自查是在 %n 天前。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) you marked done need(s) checking again.</source>
        <translation>
            <numerusform>你标记为已完成的 %n 项修改需要再次检查。</numerusform>
        </translation>
    </message>
    <message>
        <source>Start your first audit</source>
        <translation>开始第一次自查</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Your recovery key</source>
        <translation>你的恢复密钥</translation>
    </message>
    <message>
        <source>If you forget your passphrase or the key store changes, this key is the only way to open your vault. It is shown only now. Save it or print it, and keep it somewhere safe, away from this computer.</source>
        <translation>如果你忘记口令或密钥库发生变化，这个密钥是打开加密库的唯一办法。它只显示这一次。请保存或打印出来，存放在远离这台电脑的安全地方。</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Save the recovery key</source>
        <translation>保存恢复密钥</translation>
    </message>
    <message>
        <source>Save the recovery key to a file you choose</source>
        <translation>把恢复密钥保存到你选择的文件</translation>
    </message>
    <message>
        <source>Print the recovery key</source>
        <translation>打印恢复密钥</translation>
    </message>
    <message>
        <source>Print the recovery key on paper</source>
        <translation>把恢复密钥打印在纸上</translation>
    </message>
    <message>
        <source>I have saved or printed my recovery key</source>
        <translation>我已保存或打印恢复密钥</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>继续(&amp;O)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>关闭此窗口</translation>
    </message>
    <message>
        <source>Exposure Check recovery key

{key}

Keep this somewhere safe. It opens your vault if you forget your passphrase.
</source>
        <translation>Exposure Check 恢复密钥

{key}

请妥善保管。忘记口令时可用它打开加密库。
</translation>
    </message>
    <message>
        <source>Could not save to {path}: {error}</source>
        <translation>无法保存到 {path}：{error}</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Your exposure score</source>
        <translation>你的暴露得分</translation>
    </message>
    <message>
        <source>Score summary</source>
        <translation>得分摘要</translation>
    </message>
    <message>
        <source>0 means nothing we asked about is exposed; 100 means all of it is public. Lower is better.</source>
        <translation>0 表示所问的内容都没有暴露；100 表示全部公开。分数越低越好。</translation>
    </message>
    <message>
        <source>Comparison with your last audit</source>
        <translation>与上次自查的比较</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>Why this score</source>
        <translation>为什么是这个分数</translation>
    </message>
    <message>
        <source>Each question&apos;s part of the total, largest first. Points are the share of the 0–100 score that the answer adds.</source>
        <translation>每个问题在总分中所占的部分，从大到小排列。分值是该回答在 0–100 总分中贡献的份额。</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>你的回答</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Each question&apos;s contribution to the score</source>
        <translation>每个问题对得分的贡献</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>需再次检查</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Risk accepted</source>
        <translation>接受风险</translation>
    </message>
    <message>
        <source>No audit recorded yet</source>
        <translation>还没有记录自查</translation>
    </message>
    <message>
        <source>Finish an audit to see your score.</source>
        <translation>完成一次自查后即可看到得分。</translation>
    </message>
    <message>
        <source>{name}: {score} of 100 (lower is better)</source>
        <translation>{name}：{score}（满分 100，越低越好）</translation>
    </message>
    <message>
        <source>Skipped (partly exposed)</source>
        <translation>已跳过（按部分暴露计分）</translation>
    </message>
    <message>
        <source>{score} of 100; lower is better</source>
        <translation>{score}（满分 100），越低越好</translation>
    </message>
    <message>
        <source>Low exposure. Keep it that way and check again in a few months.</source>
        <translation>暴露程度低。请保持，几个月后再检查一次。</translation>
    </message>
    <message>
        <source>Medium exposure. The plan shows what to fix first.</source>
        <translation>暴露程度中等。改进计划会告诉你先改什么。</translation>
    </message>
    <message>
        <source>High exposure. Start with the first step of the plan today.</source>
        <translation>暴露程度高。今天就从计划的第一步做起。</translation>
    </message>
    <message>
        <source>Score now: {score} of 100. {verdict}</source>
        <translation>当前得分：{score}（满分 100）。{verdict}</translation>
    </message>
    <message>
        <source>When you finished the audit it was {score}; your plan progress has changed it since.</source>
        <translation>完成自查时得分为 {score}；之后你在计划上的进展改变了它。</translation>
    </message>
    <message>
        <source>Your previous audit scored {old}; this one is {diff} points better.</source>
        <translation>上次自查得分为 {old}；这次好了 {diff} 分。</translation>
    </message>
    <message>
        <source>Your previous audit scored {old}; this one is {diff} points worse.</source>
        <translation>上次自查得分为 {old}；这次差了 {diff} 分。</translation>
    </message>
    <message>
        <source>Your previous audit had the same score.</source>
        <translation>上次自查的得分相同。</translation>
    </message>
    <message>
        <source>This is your first audit, so there is nothing to compare with yet.</source>
        <translation>这是你的第一次自查，暂时没有可比较的记录。</translation>
    </message>
    <message>
        <source>{answered} questions answered, {unsure} not sure, {skipped} skipped.</source>
        <translation>已回答 {answered} 题，其中 {unsure} 题不确定，跳过 {skipped} 题。</translation>
    </message>
</context>
<context>
    <name>ReviewerView</name>
    <message>
        <source>Profile reviewer</source>
        <translation>资料审查</translation>
    </message>
    <message>
        <source>Paste a bio, resume, speaker blurb or email signature, or open a platform&apos;s data export or photos. Everything stays on this computer.</source>
        <translation>粘贴个人简介、简历、演讲者介绍或邮件签名，或打开平台导出的数据或照片。所有内容都只留在这台电脑上。</translation>
    </message>
    <message>
        <source>Paste your text here</source>
        <translation>在这里粘贴文本</translation>
    </message>
    <message>
        <source>Text to review</source>
        <translation>要审查的文本</translation>
    </message>
    <message>
        <source>Published on:</source>
        <translation>发布在：</translation>
    </message>
    <message>
        <source>Not specified</source>
        <translation>未指定</translation>
    </message>
    <message>
        <source>Where the text is published</source>
        <translation>文本发布的地方</translation>
    </message>
    <message>
        <source>Review text</source>
        <translation>审查文本</translation>
    </message>
    <message>
        <source>Review the pasted text</source>
        <translation>审查粘贴的文本</translation>
    </message>
    <message>
        <source>Open files…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>Open files, exports or photos to review</source>
        <translation>打开要审查的文件、导出数据或照片</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the review</source>
        <translation>取消审查</translation>
    </message>
    <message>
        <source>Review progress</source>
        <translation>审查进度</translation>
    </message>
    <message>
        <source>Reveals</source>
        <translation>暴露的信息</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>可信度</translation>
    </message>
    <message>
        <source>Suggested answer</source>
        <translation>建议的回答</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Redacted rewrite</source>
        <translation>脱敏改写</translation>
    </message>
    <message>
        <source>Redacted rewrite of your text</source>
        <translation>你的文本的脱敏改写</translation>
    </message>
    <message>
        <source>Copy rewrite</source>
        <translation>复制改写</translation>
    </message>
    <message>
        <source>Copy the redacted rewrite to the clipboard</source>
        <translation>把脱敏改写复制到剪贴板</translation>
    </message>
    <message>
        <source>Accept suggested answers</source>
        <translation>采用建议的回答</translation>
    </message>
    <message>
        <source>Put the suggested answers into your current audit</source>
        <translation>把建议的回答填入当前自查</translation>
    </message>
    <message>
        <source>Save clean copy of photo…</source>
        <translation>保存去除元数据的照片副本…</translation>
    </message>
    <message>
        <source>Save a copy of the photo without any metadata</source>
        <translation>保存一份不含任何元数据的照片副本</translation>
    </message>
    <message>
        <source>Paste some text first, or open files.</source>
        <translation>请先粘贴文本，或打开文件。</translation>
    </message>
    <message>
        <source>pasted text</source>
        <translation>粘贴的文本</translation>
    </message>
    <message>
        <source>Open files to review</source>
        <translation>打开要审查的文件</translation>
    </message>
    <message>
        <source>Reviewing…</source>
        <translation>正在审查…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Review cancelled. Nothing was saved.</source>
        <translation>审查已取消，没有保存任何内容。</translation>
    </message>
    <message>
        <source>The review failed: %1</source>
        <translation>审查失败：%1</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Work email</source>
        <translation>工作邮箱</translation>
    </message>
    <message>
        <source>Personal email</source>
        <translation>个人邮箱</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Clearance</source>
        <translation>涉密资格</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Handle</source>
        <translation>账号名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Photo location</source>
        <translation>照片位置</translation>
    </message>
    <message>
        <source>Camera or phone</source>
        <translation>相机或手机</translation>
    </message>
    <message>
        <source>Time taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <source>Other photo metadata</source>
        <translation>其他照片元数据</translation>
    </message>
    <message>
        <source>%1 (×%2)</source>
        <translation>%1（×%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s).</source>
        <translation>
            <numerusform>%n 项发现。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>没有发现。</translation>
    </message>
    <message>
        <source>Problems: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>The suggested answers were added to your audit.</source>
        <translation>建议的回答已加入你的自查。</translation>
    </message>
    <message>
        <source>Save a clean copy</source>
        <translation>保存干净的副本</translation>
    </message>
    <message>
        <source>%1: could not save a clean copy (%2)</source>
        <translation>%1：无法保存干净的副本（%2）</translation>
    </message>
    <message>
        <source>Saved a copy without metadata: %1</source>
        <translation>已保存不含元数据的副本：%1</translation>
    </message>
</context>
<context>
    <name>ScoreGauge</name>
    <message>
        <source>Exposure score</source>
        <translation>暴露得分</translation>
    </message>
</context>
<context>
    <name>SelfSearchView</name>
    <message>
        <source>Preparing your searches…</source>
        <translation>正在准备搜索…</translation>
    </message>
    <message>
        <source>The searches could not be prepared: {error}</source>
        <translation>无法准备搜索：{error}</translation>
    </message>
    <message>
        <source>Search for yourself</source>
        <translation>搜索自己</translation>
    </message>
    <message>
        <source>Search for yourself the way a stranger would. Each search below runs in your own web browser, only when you choose. Exposure Check itself sends nothing to any site.</source>
        <translation>像陌生人一样搜索自己。下面的每个搜索都只在你选择时，在你自己的浏览器中进行。Exposure Check 本身不会向任何网站发送任何内容。</translation>
    </message>
    <message>
        <source>Your organisation allows copying searches only: paste them into your browser yourself.</source>
        <translation>你所在的单位只允许复制搜索内容：请自己粘贴到浏览器中。</translation>
    </message>
    <message>
        <source>Self-search progress</source>
        <translation>自我搜索进度</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Last searched</source>
        <translation>上次搜索</translation>
    </message>
    <message>
        <source>Searches to run</source>
        <translation>要进行的搜索</translation>
    </message>
    <message>
        <source>Grouped by what is searched for; pick one to see and copy it.</source>
        <translation>按搜索内容分组；选择一项即可查看并复制。</translation>
    </message>
    <message>
        <source>Search text:</source>
        <translation>搜索文本：</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>搜索文本</translation>
    </message>
    <message>
        <source>Read-only; select it to copy.</source>
        <translation>只读；选中即可复制。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the search text</source>
        <translation>复制搜索文本</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Search address</source>
        <translation>搜索地址</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>Copy the search address</source>
        <translation>复制搜索地址</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>在浏览器中打开</translation>
    </message>
    <message>
        <source>Your browser sends this search to the site named above.</source>
        <translation>你的浏览器会把这个搜索发送给上面列出的网站。</translation>
    </message>
    <message>
        <source>When this search was last run</source>
        <translation>上次进行这个搜索的时间</translation>
    </message>
    <message>
        <source>What did you find?</source>
        <translation>你发现了什么？</translation>
    </message>
    <message>
        <source>Nothing about me</source>
        <translation>没有关于我的内容</translation>
    </message>
    <message>
        <source>Something about me</source>
        <translation>有关于我的内容</translation>
    </message>
    <message>
        <source>Nothing about me was found</source>
        <translation>没有发现关于我的内容</translation>
    </message>
    <message>
        <source>Something about me was found</source>
        <translation>发现了关于我的内容</translation>
    </message>
    <message>
        <source>Found: {what}</source>
        <translation>发现：{what}</translation>
    </message>
    <message>
        <source>Where:</source>
        <translation>位置：</translation>
    </message>
    <message>
        <source>Where it was found</source>
        <translation>发现的位置</translation>
    </message>
    <message>
        <source>Somewhere else</source>
        <translation>其他地方</translation>
    </message>
    <message>
        <source>Private note (optional, kept in your vault)</source>
        <translation>私人备注（可选，保存在你的加密库中）</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>私人备注</translation>
    </message>
    <message>
        <source>Save what I found</source>
        <translation>保存我的发现</translation>
    </message>
    <message>
        <source>Suggested answers from what you found</source>
        <translation>根据你的发现建议的回答</translation>
    </message>
    <message>
        <source>Suggested answers</source>
        <translation>建议的回答</translation>
    </message>
    <message>
        <source>Tick the answers to use in your check.</source>
        <translation>勾选要用于自查的回答。</translation>
    </message>
    <message>
        <source>Use the ticked answers</source>
        <translation>使用勾选的回答</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Your profile photos (reverse image search)</source>
        <translation>你的头像照片（以图搜图）</translation>
    </message>
    <message>
        <source>Could not reach your vault: {error}</source>
        <translation>无法访问你的加密库：{error}</translation>
    </message>
    <message>
        <source>Never searched</source>
        <translation>从未搜索</translation>
    </message>
    <message>
        <source>Searched today</source>
        <translation>今天已搜索</translation>
    </message>
    <message>
        <source>Last searched yesterday</source>
        <translation>上次搜索是昨天</translation>
    </message>
    <message>
        <source>Last searched {days} days ago</source>
        <translation>上次搜索是 {days} 天前</translation>
    </message>
    <message>
        <source>{age} (due again)</source>
        <translation>{age}（该再次搜索了）</translation>
    </message>
    <message>
        <source>{due} of {total} searches to run now</source>
        <translation>现在需要进行 {total} 个搜索中的 {due} 个</translation>
    </message>
    <message>
        <source>{question} — {answer}</source>
        <translation>{question} — {answer}</translation>
    </message>
    <message>
        <source>Pick a search on the left</source>
        <translation>请在左侧选择一个搜索</translation>
    </message>
    <message>
        <source>No web browser could be opened. Copy the address and paste it into your browser.</source>
        <translation>无法打开网页浏览器。请复制地址并粘贴到浏览器中。</translation>
    </message>
    <message>
        <source>Open in your browser</source>
        <translation>在你的浏览器中打开</translation>
    </message>
    <message>
        <source>Your web browser will now send this search to {site} ({name}):

{query}

{site} will see the search and your internet address, as with any search you make there. Exposure Check itself sends nothing: it only asks your browser to open the address.</source>
        <translation>你的网页浏览器现在会把这个搜索发送给 {site}（{name}）：

{query}

和你在那里进行的任何搜索一样，{site} 会看到搜索内容和你的网络地址。Exposure Check 本身不发送任何内容：它只是让你的浏览器打开这个地址。</translation>
    </message>
    <message>
        <source>Your web browser will now open {site} ({name}). Anything you upload there, such as a photo, goes to {site}. Exposure Check itself sends nothing: it only asks your browser to open the address.</source>
        <translation>你的网页浏览器现在会打开 {site}（{name}）。你在那里上传的任何内容（例如照片）都会发送给 {site}。Exposure Check 本身不发送任何内容：它只是让你的浏览器打开这个地址。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Self-search</source>
        <translation>搜索自己</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Settings and privacy</source>
        <translation>设置与隐私</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>你的数据</translation>
    </message>
    <message>
        <source>Data location</source>
        <translation>数据位置</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>保护方式</translation>
    </message>
    <message>
        <source>Stored in:</source>
        <translation>保存位置：</translation>
    </message>
    <message>
        <source>Protected by:</source>
        <translation>保护方式：</translation>
    </message>
    <message>
        <source>Passphrase and recovery key</source>
        <translation>口令与恢复密钥</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>新口令</translation>
    </message>
    <message>
        <source>At least {n} characters</source>
        <translation>至少 {n} 个字符</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>再次输入新口令</translation>
    </message>
    <message>
        <source>New &amp;passphrase:</source>
        <translation>新口令(&amp;P)：</translation>
    </message>
    <message>
        <source>Re&amp;peat it:</source>
        <translation>再输一次(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Change passphrase</source>
        <translation>更改口令(&amp;C)</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>更改口令</translation>
    </message>
    <message>
        <source>Protect the vault with the new passphrase</source>
        <translation>用新口令保护加密库</translation>
    </message>
    <message>
        <source>Show a &amp;new recovery key…</source>
        <translation>生成新的恢复密钥(&amp;N)…</translation>
    </message>
    <message>
        <source>Show a new recovery key</source>
        <translation>生成新的恢复密钥</translation>
    </message>
    <message>
        <source>Make a new recovery key; the old one stops working</source>
        <translation>生成新的恢复密钥；旧的将失效</translation>
    </message>
    <message>
        <source>Language and appearance</source>
        <translation>语言与外观</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language of the app. A change takes effect after a restart.</source>
        <translation>应用的显示语言。更改在重启后生效。</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Light, dark, or as the system is set</source>
        <translation>浅色、深色，或与系统设置一致</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>主题(&amp;H)：</translation>
    </message>
    <message>
        <source>Changing the language takes effect when you restart Exposure Check.</source>
        <translation>更改语言将在重启 Exposure Check 后生效。</translation>
    </message>
    <message>
        <source>Re-checks and reminders</source>
        <translation>复查与提醒</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Re-check every</source>
        <translation>复查间隔</translation>
    </message>
    <message>
        <source>Days between re-checks; a fix marked done is checked again after this long</source>
        <translation>两次复查之间相隔的天数；标记为已完成的整改项，过了这段时间需要重新确认</translation>
    </message>
    <message>
        <source>&amp;Re-check every:</source>
        <translation>复查间隔(&amp;R)：</translation>
    </message>
    <message>
        <source>Remind me when a re-check is due</source>
        <translation>到复查时间时提醒我</translation>
    </message>
    <message>
        <source>A banner when Exposure Check starts, and a tray notification if your desktop has a tray</source>
        <translation>启动 Exposure Check 时显示提示横幅；如果桌面有系统托盘，也会在托盘弹出通知</translation>
    </message>
    <message>
        <source>Check at login, and notify me only when a re-check is due</source>
        <translation>登录时检查一次，只在需要复查时通知我</translation>
    </message>
    <message>
        <source>Check at login</source>
        <translation>登录时检查</translation>
    </message>
    <message>
        <source>Adds a small start-at-login entry that runs &quot;exposure-check remind&quot;</source>
        <translation>添加一个开机登录时运行“exposure-check remind”的小启动项</translation>
    </message>
    <message>
        <source>Network access: none</source>
        <translation>网络访问：无</translation>
    </message>
    <message>
        <source>Exposure Check never connects to the internet: it has no network code, checks no updates and sends no statistics. You can verify this yourself. On Linux, run it with no network at all:</source>
        <translation>Exposure Check 从不连接互联网：它没有任何联网代码，不检查更新，也不发送统计数据。你可以自己验证。在 Linux 上，可以在完全断网的环境中运行它：</translation>
    </message>
    <message>
        <source>or watch every network call it makes (there are none):</source>
        <translation>或者监视它发出的每个网络调用（不会有任何调用）：</translation>
    </message>
    <message>
        <source>Wipe all data</source>
        <translation>清除所有数据</translation>
    </message>
    <message>
        <source>Deletes your profile, every audit, your progress and the vault&apos;s keys from this computer. This cannot be undone.</source>
        <translation>从这台电脑上删除你的个人情况、所有自查记录、改进进度以及加密库的密钥。此操作无法撤销。</translation>
    </message>
    <message>
        <source>&amp;Wipe all data…</source>
        <translation>清除所有数据(&amp;W)…</translation>
    </message>
    <message>
        <source>First step: asks you to confirm</source>
        <translation>第一步：请你确认</translation>
    </message>
    <message>
        <source>I understand that all my answers, audits and keys will be deleted</source>
        <translation>我明白我的所有回答、自查记录和密钥都将被删除</translation>
    </message>
    <message>
        <source>Keep my data</source>
        <translation>保留我的数据</translation>
    </message>
    <message>
        <source>Cancel the wipe</source>
        <translation>取消清除</translation>
    </message>
    <message>
        <source>Delete everything now</source>
        <translation>立即全部删除</translation>
    </message>
    <message>
        <source>Second step: deletes all data at once</source>
        <translation>第二步：立即删除所有数据</translation>
    </message>
    <message>
        <source>The vault is locked.</source>
        <translation>加密库已锁定。</translation>
    </message>
    <message>
        <source>your passphrase (encrypted with AES-256-GCM; key derived with Argon2id)</source>
        <translation>你的口令（采用 AES-256-GCM 加密，密钥由 Argon2id 派生）</translation>
    </message>
    <message>
        <source>your recovery key only</source>
        <translation>仅恢复密钥</translation>
    </message>
    <message>
        <source>the system key store: {backend}</source>
        <translation>系统密钥库：{backend}</translation>
    </message>
    <message>
        <source>Set by your administrator for this computer; it cannot be changed here.</source>
        <translation>此项由管理员为本机统一设置，无法在这里修改。</translation>
    </message>
    <message>
        <source>Set by your organisation&apos;s checklist; it cannot be changed here.</source>
        <translation>此项由贵单位的检查清单设定，无法在这里修改。</translation>
    </message>
    <message numerus="yes">
        <source>Saved: re-check every %n day(s).</source>
        <translation>
            <numerusform>已保存：每 %n 天复查一次。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reminders are on.</source>
        <translation>提醒已开启。</translation>
    </message>
    <message>
        <source>Reminders are off.</source>
        <translation>提醒已关闭。</translation>
    </message>
    <message>
        <source>Exposure Check will check at login.</source>
        <translation>登录时 Exposure Check 会检查是否需要复查。</translation>
    </message>
    <message>
        <source>Exposure Check will not run at login.</source>
        <translation>登录时 Exposure Check 不再运行。</translation>
    </message>
    <message>
        <source>The two passphrases are different. Type them again.</source>
        <translation>两次输入的口令不一致，请重新输入。</translation>
    </message>
    <message>
        <source>The passphrase needs at least {n} characters.</source>
        <translation>口令至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <source>Changing the passphrase…</source>
        <translation>正在更改口令…</translation>
    </message>
    <message>
        <source>The passphrase is changed. Use the new one from now on.</source>
        <translation>口令已更改，今后请使用新口令。</translation>
    </message>
    <message>
        <source>A new recovery key was made; the old one no longer works.</source>
        <translation>已生成新的恢复密钥；旧的已失效。</translation>
    </message>
    <message>
        <source>Saved. Restart Exposure Check to use the new language.</source>
        <translation>已保存。重启 Exposure Check 后即使用新语言。</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>正在删除…</translation>
    </message>
    <message>
        <source>All data was deleted.</source>
        <translation>所有数据已删除。</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>Score trend chart</source>
        <translation>得分趋势图</translation>
    </message>
    <message numerus="yes">
        <source>%n audit(s); the latest total score is %1 of 100</source>
        <translation>
            <numerusform>共 %n 次自查；最近一次总分为 %1（满分 100）</numerusform>
        </translation>
    </message>
    <message>
        <source>No audits yet: the trend appears after your first audit.</source>
        <translation>还没有自查记录：完成第一次自查后会显示趋势。</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>Unlock your vault</source>
        <translation>解锁你的加密库</translation>
    </message>
    <message>
        <source>Unlock status</source>
        <translation>解锁状态</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>正在处理</translation>
    </message>
    <message>
        <source>Unlocking, please wait</source>
        <translation>正在解锁，请稍候</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>Use my &amp;recovery key instead</source>
        <translation>改用恢复密钥(&amp;R)</translation>
    </message>
    <message>
        <source>Use my recovery key instead</source>
        <translation>改用恢复密钥</translation>
    </message>
    <message>
        <source>Type the recovery key you saved or printed</source>
        <translation>输入你保存或打印的恢复密钥</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Try the &amp;key store again</source>
        <translation>再试一次密钥库(&amp;K)</translation>
    </message>
    <message>
        <source>Try the key store again</source>
        <translation>再试一次密钥库</translation>
    </message>
    <message>
        <source>Unlock with the key kept in the system key store</source>
        <translation>用系统密钥库中保存的密钥解锁</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>取消(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop waiting for the key store</source>
        <translation>不再等待密钥库</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Open the vault</source>
        <translation>打开加密库</translation>
    </message>
    <message>
        <source>&amp;Recovery key:</source>
        <translation>恢复密钥(&amp;R)：</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>The recovery key you saved or printed when you set up the app</source>
        <translation>首次设置应用时你保存或打印的恢复密钥</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Your vault passphrase</source>
        <translation>你的加密库口令</translation>
    </message>
    <message>
        <source>Type your passphrase to open your answers.</source>
        <translation>请输入口令以打开你的回答。</translation>
    </message>
    <message>
        <source>Asking the system key store ({backend})…</source>
        <translation>正在向系统密钥库（{backend}）请求密钥…</translation>
    </message>
    <message>
        <source>Type your passphrase or recovery key first.</source>
        <translation>请先输入口令或恢复密钥。</translation>
    </message>
    <message>
        <source>Unlocking… this takes a moment.</source>
        <translation>正在解锁…需要一点时间。</translation>
    </message>
    <message>
        <source>Cancelled. Type your passphrase or recovery key instead.</source>
        <translation>已取消。请改为输入口令或恢复密钥。</translation>
    </message>
    <message>
        <source>Type your passphrase or recovery key to open your answers.</source>
        <translation>请输入口令或恢复密钥以打开你的回答。</translation>
    </message>
</context>
<context>
    <name>VaultSetupPage</name>
    <message>
        <source>Protect your answers</source>
        <translation>保护你的回答</translation>
    </message>
    <message>
        <source>Your answers are kept in an encrypted vault on this computer. Choose how its key is protected.</source>
        <translation>你的回答保存在本机的加密库中。请选择如何保护它的密钥。</translation>
    </message>
    <message>
        <source>Keep the key in the system key store</source>
        <translation>把密钥保存在系统密钥库中</translation>
    </message>
    <message>
        <source>Protect the key with a passphrase only</source>
        <translation>只用口令保护密钥</translation>
    </message>
    <message>
        <source>The app unlocks automatically when you are logged in</source>
        <translation>登录系统后应用会自动解锁</translation>
    </message>
    <message>
        <source>You type the passphrase each time the app starts</source>
        <translation>每次启动应用时输入口令</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>At least {n} characters</source>
        <translation>至少 {n} 个字符</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>再次输入口令</translation>
    </message>
    <message>
        <source>Type the same passphrase again</source>
        <translation>再输入一次相同的口令</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>再输一次(&amp;R)：</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>&amp;Create the vault</source>
        <translation>创建加密库(&amp;C)</translation>
    </message>
    <message>
        <source>Create the vault</source>
        <translation>创建加密库</translation>
    </message>
    <message>
        <source>Create the encrypted vault and show the recovery key</source>
        <translation>创建加密库并显示恢复密钥</translation>
    </message>
    <message>
        <source>Your organisation requires a passphrase: the vault key is not kept in the system key store on this computer. Your answers are never stored unencrypted.</source>
        <translation>贵单位要求使用口令：在这台电脑上，加密库密钥不会存放在系统密钥库中。你的回答始终加密保存，绝不会以明文形式存储。</translation>
    </message>
    <message>
        <source>Key store found: {backend}. You may also set a passphrase, so you can still unlock if the key store changes.</source>
        <translation>已找到密钥库：{backend}。你也可以另设口令，这样即使密钥库发生变化也能解锁。</translation>
    </message>
    <message>
        <source>No system key store was found on this computer, so a passphrase is required. Your answers are never stored unencrypted.</source>
        <translation>这台电脑上没有找到系统密钥库，因此需要设置口令。你的回答绝不会以未加密的形式保存。</translation>
    </message>
    <message>
        <source>A passphrase is optional here.</source>
        <translation>这种方式下口令是可选的。</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least {n} characters. If you forget it, only the recovery key can open the vault.</source>
        <translation>请设置至少 {n} 个字符的口令。如果忘记口令，只有恢复密钥能打开加密库。</translation>
    </message>
    <message>
        <source>The two passphrases are different. Type them again.</source>
        <translation>两次输入的口令不一致，请重新输入。</translation>
    </message>
    <message>
        <source>The passphrase needs at least {n} characters.</source>
        <translation>口令至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <source>Creating the vault…</source>
        <translation>正在创建加密库…</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Exposure Check</source>
        <translation>欢迎使用 Exposure Check</translation>
    </message>
    <message>
        <source>Exposure Check walks you through what you reveal online about your work, one platform at a time. At the end you get a score and a short plan of what to fix first. Everything stays on this computer: nothing you enter is ever sent anywhere.</source>
        <translation>Exposure Check 会逐个平台带你检查自己在网上透露了哪些工作信息。最后你会得到一个分数和一份简短的改进计划，告诉你先改什么。所有内容都只留在这台电脑上：你输入的任何信息都不会发送到任何地方。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language of the app. A change takes effect after a restart.</source>
        <translation>应用的显示语言。更改在重启后生效。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>继续(&amp;C)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Go on to protecting your answers</source>
        <translation>继续设置如何保护你的回答</translation>
    </message>
    <message>
        <source>The new language is saved. It takes effect when you restart Exposure Check.</source>
        <translation>新的语言已保存，重启 Exposure Check 后生效。</translation>
    </message>
</context>
</TS>
