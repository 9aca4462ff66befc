<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddOperatorDialog</name>
    <message>
        <source>Add operator</source>
        <translation>添加操作人员</translation>
    </message>
    <message>
        <source>&amp;Make this the default operator</source>
        <translation>设为默认操作人员(&amp;M)</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>Cannot open the store</source>
        <translation>无法打开档案库</translation>
    </message>
    <message>
        <source>A recording was interrupted</source>
        <translation>录制被中断</translation>
    </message>
    <message>
        <source>The program stopped while recording. What was recorded until then is kept in {folder} ({names}). Import it (Capture ▸ Import) to add it to the store.</source>
        <translation>程序在录制时中止。中止前已录下的内容保存在 {folder}（{names}）。请导入它（采集 ▸ 导入），才会存入档案库。</translation>
    </message>
    <message>
        <source>An export was interrupted; nothing was handed over and no item is marked transferred. Export again.</source>
        <translation>有一次导出被中断；没有移交任何内容，也没有条目被标记为已移交。请重新导出。</translation>
    </message>
    <message>
        <source>Its partial package was removed: {paths}</source>
        <translation>其未完成的数据包已删除：{paths}</translation>
    </message>
    <message>
        <source>Its partial package is on a disk that is not connected; delete it there: {paths}</source>
        <translation>其未完成的数据包在一个未连接的磁盘上，请到该磁盘上删除：{paths}</translation>
    </message>
    <message>
        <source>An export was interrupted</source>
        <translation>导出被中断</translation>
    </message>
    <message>
        <source>The computer&apos;s clock is behind</source>
        <translation>计算机时钟慢了</translation>
    </message>
    <message>
        <source>This computer&apos;s clock says {now}, which is earlier than the newest record in this store ({newest}). Every new record takes its time from the clock: set it right before you go on.</source>
        <translation>本机时钟显示 {now}，早于本库中最新一条记录的时间（{newest}）。每条新记录都以时钟为准：请先把时钟调准再继续。</translation>
    </message>
    <message>
        <source>To use another store, start with: fieldarchive gui --store FOLDER</source>
        <translation>如需使用其他档案库，请这样启动：fieldarchive gui --store 文件夹</translation>
    </message>
    <message>
        <source>Create a store?</source>
        <translation>新建档案库？</translation>
    </message>
    <message>
        <source>There is no store in {path}. Create a new, empty store there? This adds the database {database} and the folder {vault} for the archived files to that folder.</source>
        <translation>{path} 中没有档案库。要在那里新建一个空的档案库吗？这会在该文件夹中添加数据库 {database} 和存放归档文件的文件夹 {vault}。</translation>
    </message>
</context>
<context>
    <name>ApprovalPage</name>
    <message>
        <source>Approval (审核)</source>
        <translation>审核批准</translation>
    </message>
    <message>
        <source>The reviewer&apos;s key signs the package; their passphrase opens it. The key never leaves this computer.</source>
        <translation>审核人的密钥为数据包签名，需输入其口令开启。密钥不会离开本机。</translation>
    </message>
    <message>
        <source>&amp;Reviewer:</source>
        <translation>审核人(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>BatchEditDialog</name>
    <message>
        <source>Tick at least one field to set.</source>
        <translation>请至少勾选一个要设置的字段。</translation>
    </message>
    <message>
        <source>Describe {count} items</source>
        <translation>批量著录 {count} 件</translation>
    </message>
    <message>
        <source>Tick the fields to set on all {count} selected items; the others keep their own values. Everything is saved at once, or nothing.</source>
        <translation>勾选要为所选 {count} 件统一设置的字段，未勾选的字段保持各自原值。全部一次保存，要么全部成功，要么全不保存。</translation>
    </message>
    <message>
        <source>Coordinates (WGS-84 latitude, longitude)</source>
        <translation>坐标（WGS-84 纬度、经度）</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <source>Choose a video file to use as the camera</source>
        <translation>选择用作相机的视频文件</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mov *.avi *.mkv *.mpg *.m4v *.ts)</source>
        <translation>视频 (*.mp4 *.mov *.avi *.mkv *.mpg *.m4v *.ts)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Opening {source}…</source>
        <translation>正在打开 {source}…</translation>
    </message>
    <message>
        <source>Opening the camera…</source>
        <translation>正在打开相机…</translation>
    </message>
    <message>
        <source>{source} is open: {width}×{height}.</source>
        <translation>{source} 已打开：{width}×{height}。</translation>
    </message>
    <message>
        <source>Camera closed.</source>
        <translation>相机已关闭。</translation>
    </message>
    <message>
        <source>The video file has ended.</source>
        <translation>视频文件已播放完。</translation>
    </message>
    <message>
        <source>The stream stopped sending pictures (connection lost?).</source>
        <translation>视频流不再传来画面（连接中断？）。</translation>
    </message>
    <message>
        <source>The camera stopped sending pictures (unplugged?).</source>
        <translation>相机不再传来画面（已拔出？）。</translation>
    </message>
    <message>
        <source>Everything taken is kept.</source>
        <translation>已拍摄的内容全部保留。</translation>
    </message>
    <message>
        <source>The camera could not be opened: {reason}</source>
        <translation>无法打开相机：{reason}</translation>
    </message>
    <message>
        <source>The camera stopped: {reason} Everything taken is kept.</source>
        <translation>相机已停止：{reason} 已拍摄的内容全部保留。</translation>
    </message>
    <message>
        <source>Open a camera first.</source>
        <translation>请先打开相机。</translation>
    </message>
    <message>
        <source>Choose an incident first; nothing was taken.</source>
        <translation>请先选择事件；没有拍摄任何内容。</translation>
    </message>
    <message>
        <source>Photo stored: {name} ({width}×{height}).</source>
        <translation>照片已保存：{name}（{width}×{height}）。</translation>
    </message>
    <message>
        <source>Not stored: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <source>{taken} of {count} taken</source>
        <translation>已拍 {taken} / {count} 张</translation>
    </message>
    <message>
        <source>{taken} taken; press Stop series to end</source>
        <translation>已拍 {taken} 张；点“停止连拍”结束</translation>
    </message>
    <message>
        <source>Series finished: {taken} photos.</source>
        <translation>定时连拍完成：共 {taken} 张。</translation>
    </message>
    <message>
        <source>Series cut short by the source after {taken} photos; they are kept.</source>
        <translation>拍到 {taken} 张时信号源中断；这些照片已保留。</translation>
    </message>
    <message>
        <source>Series stopped after {taken} photos.</source>
        <translation>定时连拍已停止，共 {taken} 张。</translation>
    </message>
    <message>
        <source>Recording {time}</source>
        <translation>正在录像 {time}</translation>
    </message>
    <message>
        <source>Stop recording (R)</source>
        <translation>停止录像（R 键）</translation>
    </message>
    <message>
        <source>Record video (R)</source>
        <translation>录像（R 键）</translation>
    </message>
    <message>
        <source>Stop s&amp;eries</source>
        <translation>停止连拍(&amp;E)</translation>
    </message>
    <message>
        <source>Start s&amp;eries</source>
        <translation>开始连拍(&amp;E)</translation>
    </message>
    <message>
        <source>Sour&amp;ce:</source>
        <translation>信号源(&amp;C)：</translation>
    </message>
    <message>
        <source>0 = first camera · a video file · rtsp://… or http://… stream</source>
        <translation>0 = 第一台相机 · 视频文件 · rtsp://… 或 http://… 视频流</translation>
    </message>
    <message>
        <source>A camera number (0, 1 …), a video file, or the address of an IP camera or drone stream</source>
        <translation>相机编号（0、1 …）、视频文件，或网络摄像机、无人机视频流的地址</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
    <message>
        <source>Take photo (Space)</source>
        <translation>拍照（空格键）</translation>
    </message>
    <message>
        <source>Sou&amp;nd:</source>
        <translation>声音(&amp;N)：</translation>
    </message>
    <message>
        <source>No sound</source>
        <translation>不录声音</translation>
    </message>
    <message>
        <source>Store a&amp;gain</source>
        <translation>重新保存(&amp;G)</translation>
    </message>
    <message>
        <source>Interval photos</source>
        <translation>定时连拍</translation>
    </message>
    <message>
        <source>E&amp;very:</source>
        <translation>间隔(&amp;V)：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Coun&amp;t:</source>
        <translation>张数(&amp;T)：</translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation>直到停止</translation>
    </message>
    <message>
        <source>Taken in this session:</source>
        <translation>本次拍摄：</translation>
    </message>
    <message>
        <source>Bac&amp;k to the object</source>
        <translation>返回实物(&amp;K)</translation>
    </message>
    <message>
        <source>Photos taken now are also added to the physical object “{title}”.</source>
        <translation>现在拍摄的照片也会加入实物“{title}”。</translation>
    </message>
    <message>
        <source>(no title yet)</source>
        <translation>（尚无题名）</translation>
    </message>
    <message>
        <source>No camera open. Give a camera number, a video file or a stream address above, then press Open.</source>
        <translation>未打开相机。请在上方填写相机编号、视频文件或视频流地址，然后点“打开”。</translation>
    </message>
</context>
<context>
    <name>CapturePage</name>
    <message>
        <source>No incident selected: choose one above (or File ▸ New incident) before capturing.</source>
        <translation>未选择事件：采集前请在上方选择一个事件（或“文件 ▸ 新建事件”）。</translation>
    </message>
    <message>
        <source>Capturing into: {name}</source>
        <translation>采集到：{name}</translation>
    </message>
    <message>
        <source>Recording in progress</source>
        <translation>正在录制</translation>
    </message>
    <message>
        <source>The camera is on</source>
        <translation>相机仍在使用</translation>
    </message>
    <message>
        <source>The camera is still streaming. Turn it off and close the window?</source>
        <translation>相机仍在传输画面。关闭相机并关闭窗口吗？</translation>
    </message>
    <message>
        <source>A recording is running or still being stored. Stop it and wait until it is stored, then close; nothing is lost.</source>
        <translation>录制仍在进行或正在保存。请先停止录制，等保存完成后再关闭；这样不会丢失任何内容。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>录音</translation>
    </message>
    <message>
        <source>Physical object</source>
        <translation>实物</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>The corrected text is empty; nothing was saved.</source>
        <translation>更正后的内容为空，未保存任何内容。</translation>
    </message>
    <message>
        <source>Say why the entry was wrong; a correction needs a reason. Nothing was saved.</source>
        <translation>请说明原记录错在哪里；更正必须填写理由。未保存任何内容。</translation>
    </message>
    <message>
        <source>Nothing was saved; correct the time, or confirm it.</source>
        <translation>未保存任何内容；请改正时间，或确认该时间。</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <source>Correct entry #{seq}</source>
        <translation>更正第 #{seq} 条记录</translation>
    </message>
    <message>
        <source>Entry #{seq}, {time}, recorded by {recorder}. The correction is stored as a new version; the original stays in the entry&apos;s history.</source>
        <translation>第 #{seq} 条，{time}，记录人 {recorder}。更正将作为新版本保存，原文保留在该条记录的历史中。</translation>
    </message>
    <message>
        <source>Corrected te&amp;xt</source>
        <translation>更正内容(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>更正理由(&amp;R)</translation>
    </message>
    <message>
        <source>T&amp;ime</source>
        <translation>时间(&amp;I)</translation>
    </message>
    <message>
        <source>Ca&amp;tegory</source>
        <translation>类别(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Phase</source>
        <translation>事件阶段(&amp;P)</translation>
    </message>
    <message>
        <source>Pl&amp;ace</source>
        <translation>地点(&amp;A)</translation>
    </message>
    <message>
        <source>Parti&amp;cipants</source>
        <translation>参加人员(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Links</source>
        <translation>关联(&amp;L)</translation>
    </message>
    <message>
        <source>Why the entry was wrong (required)</source>
        <translation>原记录错在哪里（必填）</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Edit details…</source>
        <translation>编辑事件信息…</translation>
    </message>
    <message>
        <source>End the response…</source>
        <translation>结束应急响应…</translation>
    </message>
    <message>
        <source>Retention schedule…</source>
        <translation>归档范围和保管期限表…</translation>
    </message>
    <message>
        <source>Photograph or film…</source>
        <translation>拍照或录像…</translation>
    </message>
    <message>
        <source>Record…</source>
        <translation>录音…</translation>
    </message>
    <message>
        <source>Record an object…</source>
        <translation>登记实物…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Collection gaps: schedule categories with no material yet</source>
        <translation>收集缺口：保管期限表中尚无材料的类目</translation>
    </message>
    <message>
        <source>By kind</source>
        <translation>按类型</translation>
    </message>
    <message>
        <source>By phase</source>
        <translation>按事件阶段</translation>
    </message>
    <message>
        <source>By source</source>
        <translation>按来源渠道</translation>
    </message>
    <message>
        <source>Completeness</source>
        <translation>著录情况</translation>
    </message>
    <message>
        <source>Still to do</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>No incident selected.</source>
        <translation>未选择事件。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>no phase yet</source>
        <translation>未定阶段</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Not yet filed</source>
        <translation>未归档</translation>
    </message>
    <message>
        <source>Not yet transferred</source>
        <translation>未移交</translation>
    </message>
    <message>
        <source>Work-log entries</source>
        <translation>工作日志条目</translation>
    </message>
    <message>
        <source>Log entries not reviewed</source>
        <translation>未审核的日志条目</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>Response ended</source>
        <translation>响应结束</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未结束</translation>
    </message>
    <message>
        <source>Fonds</source>
        <translation>全宗</translation>
    </message>
    <message>
        <source>Organisation code</source>
        <translation>机构代码</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>The response is ongoing: day {days}. The six-month filing deadline starts when it ends.</source>
        <translation>应急响应进行中：第 {days} 天。响应结束后开始计算六个月的归档期限。</translation>
    </message>
    <message>
        <source>Filing is overdue by {days} days (the deadline was {date}).</source>
        <translation>归档已逾期 {days} 天（期限为 {date}）。</translation>
    </message>
    <message>
        <source>{days} days left to finish filing (deadline {date}).</source>
        <translation>距归档期限还有 {days} 天（期限 {date}）。</translation>
    </message>
    <message>
        <source>Every schedule category has material.</source>
        <translation>保管期限表的每个类目都已有材料。</translation>
    </message>
</context>
<context>
    <name>DecodePass</name>
    <message>
        <source>Decode check: {done}/{total}</source>
        <translation>解码检查：{done}/{total}</translation>
    </message>
    <message>
        <source>Decode check: {count} damaged file(s); pre-flight lists them</source>
        <translation>解码检查：{count} 个文件已损坏；移交前检测会列出</translation>
    </message>
</context>
<context>
    <name>DescribeDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>DescriptionFields</name>
    <message>
        <source>Title (题名)</source>
        <translation>题名</translation>
    </message>
    <message>
        <source>Creator (责任者)</source>
        <translation>责任者</translation>
    </message>
    <message>
        <source>Date (日期)</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Place (地点)</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Latitude (WGS-84)</source>
        <translation>纬度（WGS-84）</translation>
    </message>
    <message>
        <source>Longitude (WGS-84)</source>
        <translation>经度（WGS-84）</translation>
    </message>
    <message>
        <source>People (人物)</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Keywords (关键词)</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>Caption (文字说明)</source>
        <translation>文字说明</translation>
    </message>
    <message>
        <source>Phase (事件阶段)</source>
        <translation>事件阶段</translation>
    </message>
    <message>
        <source>Schedule category</source>
        <translation>归档类目</translation>
    </message>
    <message>
        <source>Classification (密级)</source>
        <translation>密级</translation>
    </message>
    <message>
        <source>Secrecy period (保密期限)</source>
        <translation>保密期限</translation>
    </message>
    <message>
        <source>Open status (开放状态)</source>
        <translation>开放状态</translation>
    </message>
    <message>
        <source>Language (语种)</source>
        <translation>语种</translation>
    </message>
    <message>
        <source>Cross-reference (参见号)</source>
        <translation>参见号</translation>
    </message>
    <message>
        <source>Dimensions (尺寸)</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Condition (保存状况)</source>
        <translation>保存状况</translation>
    </message>
    <message>
        <source>Storage location (存放位置)</source>
        <translation>存放位置</translation>
    </message>
    <message>
        <source>Label number (标签号)</source>
        <translation>标签号</translation>
    </message>
    <message>
        <source>What happened, e.g. 转移受灾群众</source>
        <translation>事由，如：转移受灾群众</translation>
    </message>
    <message>
        <source>When, e.g. 2025年7月21日下午</source>
        <translation>时间，如：2025年7月21日下午</translation>
    </message>
    <message>
        <source>Where, e.g. 某旗某镇安置点</source>
        <translation>地点，如：某旗某镇安置点</translation>
    </message>
    <message>
        <source>Who is shown, with their positions</source>
        <translation>画面中的人物及其职务</translation>
    </message>
    <message>
        <source>Background: why it matters</source>
        <translation>背景：此事的意义</translation>
    </message>
    <message>
        <source>Who took the photo</source>
        <translation>摄影者</translation>
    </message>
    <message>
        <source>e.g. 32 × 20 × 4 cm</source>
        <translation>例如 32 × 20 × 4 厘米</translation>
    </message>
    <message>
        <source>e.g. intact; scratches on the front</source>
        <translation>例如 完好；正面有划痕</translation>
    </message>
    <message>
        <source>e.g. store room A, shelf 3</source>
        <translation>例如 A库房3号架</translation>
    </message>
    <message>
        <source>The label or QR code on it</source>
        <translation>实物上的标签号或二维码编号</translation>
    </message>
    <message>
        <source>— not classified —</source>
        <translation>— 未归类 —</translation>
    </message>
    <message>
        <source>— none yet —</source>
        <translation>— 暂未填写 —</translation>
    </message>
</context>
<context>
    <name>DigestPass</name>
    <message>
        <source>SM3 digests: {percent}%</source>
        <translation>SM3 摘要：{percent}%</translation>
    </message>
    <message>
        <source>SM3: {count} stored file(s) failed their check; run Check</source>
        <translation>SM3：{count} 个已存文件未通过校验，请运行“检查”</translation>
    </message>
</context>
<context>
    <name>EndResponseDialog</name>
    <message>
        <source>End the response</source>
        <translation>结束应急响应</translation>
    </message>
    <message>
        <source>End the response to {name}? Filing must then be finished within six months; the end is recorded in the audit log.</source>
        <translation>结束“{name}”的应急响应？此后须在六个月内完成归档；结束时间记入审计日志。</translation>
    </message>
    <message>
        <source>The response ended at (UTC{offset})</source>
        <translation>响应结束时间（UTC{offset}）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>EntryTemplates</name>
    <message>
        <source>Arrival on site</source>
        <translation>到达现场</translation>
    </message>
    <message>
        <source>Arrived on site: </source>
        <translation>到达现场：</translation>
    </message>
    <message>
        <source>Handover received</source>
        <translation>接收移交</translation>
    </message>
    <message>
        <source>Received a handover: </source>
        <translation>接收移交：</translation>
    </message>
    <message>
        <source>Interview done</source>
        <translation>完成口述采录</translation>
    </message>
    <message>
        <source>Finished an oral-history interview: </source>
        <translation>完成口述采录：</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Meeting: </source>
        <translation>会议：</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决策</translation>
    </message>
    <message>
        <source>Decision: </source>
        <translation>决策：</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>This folder is not a FieldArchive store.</source>
        <translation>该文件夹不是现场建档的档案库。</translation>
    </message>
    <message>
        <source>The store&apos;s database is damaged.</source>
        <translation>档案库的数据库已损坏。</translation>
    </message>
    <message>
        <source>The store is in use by another program.</source>
        <translation>档案库正被另一个程序使用。</translation>
    </message>
    <message>
        <source>The store cannot be written here.</source>
        <translation>此位置的档案库无法写入。</translation>
    </message>
    <message>
        <source>The store was made by a newer FieldArchive.</source>
        <translation>该档案库由更新版本的现场建档创建。</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>磁盘已满。</translation>
    </message>
    <message>
        <source>This needs another role or passphrase.</source>
        <translation>此操作需要其他角色或口令。</translation>
    </message>
    <message>
        <source>Some input is not valid.</source>
        <translation>部分输入无效。</translation>
    </message>
    <message>
        <source>Something asked for is not in the store.</source>
        <translation>档案库中没有所请求的内容。</translation>
    </message>
    <message>
        <source>The action could not be done.</source>
        <translation>无法完成该操作。</translation>
    </message>
    <message>
        <source>FieldArchive</source>
        <translation>现场建档</translation>
    </message>
    <message>
        <source>FieldArchive: unexpected error</source>
        <translation>现场建档：意外错误</translation>
    </message>
    <message>
        <source>Something went wrong inside FieldArchive. Your saved records are safe; the action that failed was not completed.</source>
        <translation>现场建档程序内部出错。已保存的记录是安全的；出错的操作没有完成。</translation>
    </message>
    <message>
        <source>(no log file)</source>
        <translation>（没有日志文件）</translation>
    </message>
    <message>
        <source>Error: {error}
Details were written to the log: {log}</source>
        <translation>错误：{error}
详细信息已写入日志：{log}</translation>
    </message>
    <message>
        <source>Give a trim start of 0 or more and an end after the start.</source>
        <translation>剪辑起点须不小于 0，终点须在起点之后。</translation>
    </message>
    <message>
        <source>The recording is only {seconds} s long; the trim starts after its end.</source>
        <translation>录音只有 {seconds} 秒，剪辑起点在录音结束之后。</translation>
    </message>
    <message>
        <source>{name} could not be encoded as MP3 ({reason}).</source>
        <translation>{name} 无法编码为 MP3（{reason}）。</translation>
    </message>
    <message>
        <source>{name} cannot be read as audio or video ({reason}).</source>
        <translation>{name} 无法作为音频或视频读取（{reason}）。</translation>
    </message>
    <message>
        <source>{name} holds neither sound nor pictures.</source>
        <translation>{name} 既无声音也无画面。</translation>
    </message>
    <message>
        <source>{name}: its streams name a codec that cannot be read; the file looks damaged.</source>
        <translation>{name}：其流所标明的编解码器无法读取；文件看来已损坏。</translation>
    </message>
    <message>
        <source>{name}: its pictures cannot be decoded ({reason}).</source>
        <translation>{name}：画面无法解码（{reason}）。</translation>
    </message>
    <message>
        <source>{name}: its video stream holds no picture.</source>
        <translation>{name}：视频流中没有画面。</translation>
    </message>
    <message>
        <source>{name}: its sound cannot be decoded ({reason}).</source>
        <translation>{name}：声音无法解码（{reason}）。</translation>
    </message>
    <message>
        <source>camera {index}</source>
        <translation>相机 {index}</translation>
    </message>
    <message>
        <source>video file {name}</source>
        <translation>视频文件 {name}</translation>
    </message>
    <message>
        <source>stream {address}</source>
        <translation>视频流 {address}</translation>
    </message>
    <message>
        <source>The video file {path} does not exist.</source>
        <translation>视频文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>The video file {path} cannot be read (permission denied).</source>
        <translation>视频文件 {path} 无法读取（没有权限）。</translation>
    </message>
    <message>
        <source>The {source} opened but gives no pictures; check that it is a video and not in use by another program.</source>
        <translation>{source}已打开，但没有画面；请检查它是否为视频，且未被其他程序占用。</translation>
    </message>
    <message>
        <source>The camera is not open.</source>
        <translation>相机未打开。</translation>
    </message>
    <message>
        <source>Camera {index} cannot be opened: it is not connected, or another program is using it.</source>
        <translation>无法打开相机 {index}：相机未连接，或正被其他程序使用。</translation>
    </message>
    <message>
        <source>Cannot connect to the {source}; check the address, the network and that the camera or drone is streaming.</source>
        <translation>无法连接{source}；请检查地址和网络，并确认相机或无人机正在推流。</translation>
    </message>
    <message>
        <source>The {source} is not a video OpenCV can read.</source>
        <translation>{source}不是 OpenCV 能读取的视频。</translation>
    </message>
    <message>
        <source>the {source} ended</source>
        <translation>{source}已播放完毕</translation>
    </message>
    <message>
        <source>the {source} stopped sending pictures (connection lost)</source>
        <translation>{source}不再发送画面（连接已断开）</translation>
    </message>
    <message>
        <source>{source} stopped sending pictures (unplugged?)</source>
        <translation>{source}不再发送画面（是否已拔出？）</translation>
    </message>
    <message>
        <source>a system folder, not part of the material</source>
        <translation>系统文件夹，不属于材料</translation>
    </message>
    <message>
        <source>operating-system litter, not part of the material</source>
        <translation>操作系统生成的附带文件，不属于材料</translation>
    </message>
    <message>
        <source>a macOS resource-fork file (AppleDouble), not part of the material</source>
        <translation>macOS 资源分支文件（AppleDouble），不属于材料</translation>
    </message>
    <message>
        <source>an office lock file, not part of the material</source>
        <translation>办公软件锁定文件，不属于材料</translation>
    </message>
    <message>
        <source>the archive store itself, never imported into itself</source>
        <translation>档案库本身，不会导入到自身</translation>
    </message>
    <message>
        <source>a link to a file outside the folders chosen for import; not taken</source>
        <translation>指向所选导入文件夹之外文件的链接；未导入</translation>
    </message>
    <message>
        <source>a link to another link; links are followed only once</source>
        <translation>指向另一个链接的链接；链接只跟随一次</translation>
    </message>
    <message>
        <source>a link loop (it leads back to itself)</source>
        <translation>链接循环（最终指回自身）</translation>
    </message>
    <message>
        <source>a link to the same file as {other}, taken once</source>
        <translation>与 {other} 指向同一文件的链接，只导入一次</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <source>{path} cannot be listed ({reason}).</source>
        <translation>无法列出 {path} 的内容（{reason}）。</translation>
    </message>
    <message>
        <source>a hidden folder inside a folder</source>
        <translation>文件夹中的隐藏文件夹</translation>
    </message>
    <message>
        <source>a hidden file inside a folder</source>
        <translation>文件夹中的隐藏文件</translation>
    </message>
    <message>
        <source>a link to a folder; give the folder itself</source>
        <translation>指向文件夹的链接；请直接选择该文件夹</translation>
    </message>
    <message>
        <source>EXIF could not be read in full ({reason})</source>
        <translation>EXIF 未能完整读取（{reason}）</translation>
    </message>
    <message>
        <source>EXIF could not be read (its block is damaged)</source>
        <translation>EXIF 无法读取（数据块已损坏）</translation>
    </message>
    <message>
        <source>EXIF could not be read ({reason})</source>
        <translation>EXIF 无法读取（{reason}）</translation>
    </message>
    <message>
        <source>the EXIF {block} block could not be read ({reason})</source>
        <translation>EXIF {block} 数据块无法读取（{reason}）</translation>
    </message>
    <message>
        <source>EXIF Orientation has the invalid value {value}; taken as upright</source>
        <translation>EXIF 方向（Orientation）的值 {value} 无效；按正向处理</translation>
    </message>
    <message>
        <source>the date &apos;{text}&apos; ({source}) is not a valid date</source>
        <translation>日期“{text}”（{source}）不是有效日期</translation>
    </message>
    <message>
        <source>the EXIF GPS position is out of range; it was not used</source>
        <translation>EXIF GPS 位置超出范围，未采用</translation>
    </message>
    <message>
        <source>{name} is too large to decode safely ({reason}).</source>
        <translation>{name} 过大，无法安全解码（{reason}）。</translation>
    </message>
    <message>
        <source>{name}: its HEIC picture cannot be decoded ({reason}).</source>
        <translation>{name}：HEIC 图像无法解码（{reason}）。</translation>
    </message>
    <message>
        <source>{name} claims {width} x {height} pixels ({megapixels} megapixels), more than the {limit}-megapixel limit; it looks like a decompression bomb and was not taken in.</source>
        <translation>{name} 声称有 {width} × {height} 像素（{megapixels} 百万像素），超过 {limit} 百万像素的上限；疑似“解压炸弹”，未收入。</translation>
    </message>
    <message>
        <source>the image</source>
        <translation>该图像</translation>
    </message>
    <message>
        <source>{name} is too large to decode safely ({reason}); it looks like a decompression bomb and was not taken in.</source>
        <translation>{name} 过大，无法安全解码（{reason}）；疑似“解压炸弹”，未收入。</translation>
    </message>
    <message>
        <source>{name}: its picture cannot be read ({reason}).</source>
        <translation>{name}：图像无法读取（{reason}）。</translation>
    </message>
    <message>
        <source>the image header is damaged</source>
        <translation>图像文件头已损坏</translation>
    </message>
    <message>
        <source>{name}: {reason}</source>
        <translation>{name}：{reason}</translation>
    </message>
    <message>
        <source>{name} cannot be read ({reason}).</source>
        <translation>{name} 无法读取（{reason}）。</translation>
    </message>
    <message>
        <source>{name} could not be imported: unexpected error ({reason}); nothing of it was stored.</source>
        <translation>{name} 未能导入：意外错误（{reason}）；该文件未保存任何内容。</translation>
    </message>
    <message>
        <source>{name} is {format} ({kind}), not a {wanted}.</source>
        <translation>{name} 是 {format}（{kind}），不是 {wanted}。</translation>
    </message>
    <message>
        <source>Only {free} KiB are free on the disk holding {path}; {need} KiB are needed.</source>
        <translation>{path} 所在磁盘只剩 {free} KiB 可用空间，需要 {need} KiB。</translation>
    </message>
    <message>
        <source>{name} was not stored: the disk is full. {reason}</source>
        <translation>{name} 未保存：磁盘已满。{reason}</translation>
    </message>
    <message>
        <source>No microphone was found; connect one and check that the system sees it.</source>
        <translation>未找到麦克风；请连接麦克风并确认系统能识别它。</translation>
    </message>
    <message>
        <source>More than one microphone matches &apos;{name}&apos;: {names}; give the full name.</source>
        <translation>有多个麦克风与“{name}”匹配：{names}；请给出完整名称。</translation>
    </message>
    <message>
        <source>There is no microphone named &apos;{name}&apos;; available: {names}.</source>
        <translation>没有名为“{name}”的麦克风；可用的有：{names}。</translation>
    </message>
    <message>
        <source>Record with 16 or 24 bits per sample.</source>
        <translation>请以每样本 16 位或 24 位录音。</translation>
    </message>
    <message>
        <source>Record in mono (1 channel) or stereo (2 channels).</source>
        <translation>请以单声道（1 个声道）或立体声（2 个声道）录音。</translation>
    </message>
    <message>
        <source>This recorder has already been used; make a new one.</source>
        <translation>此录音器已使用过；请新建一个。</translation>
    </message>
    <message>
        <source>The microphone &apos;{name}&apos; cannot record {rate} Hz {bits}-bit with {channels} channel(s); try another device or setting.</source>
        <translation>麦克风“{name}”无法以 {rate} Hz、{bits} 位、{channels} 个声道录音；请换用其他设备或设置。</translation>
    </message>
    <message>
        <source>The microphone &apos;{name}&apos; cannot be opened; it may be in use by another program.</source>
        <translation>无法打开麦克风“{name}”；它可能正被其他程序使用。</translation>
    </message>
    <message>
        <source>The microphone &apos;{name}&apos; gives no sound; check that it is connected, switched on and not muted.</source>
        <translation>麦克风“{name}”没有声音；请检查它已连接、已打开且未静音。</translation>
    </message>
    <message>
        <source>the microphone &apos;{name}&apos; stopped giving sound (disconnected?)</source>
        <translation>麦克风“{name}”不再有声音（是否已断开？）</translation>
    </message>
    <message>
        <source>the microphone &apos;{name}&apos; delivered only {received} s of sound in {wall} s</source>
        <translation>麦克风“{name}”在 {wall} 秒内只送来 {received} 秒的声音</translation>
    </message>
    <message>
        <source>A physical object needs a title.</source>
        <translation>实物需要填写题名。</translation>
    </message>
    <message>
        <source>Item {item} is a {kind}, not a physical object.</source>
        <translation>条目 {item} 是{kind}，不是实物。</translation>
    </message>
    <message>
        <source>{name} is already stored as a {kind} (item {item}), not a photo.</source>
        <translation>{name} 已作为{kind}保存（条目 {item}），不是照片。</translation>
    </message>
    <message>
        <source>no thumbnail: this RAW picture is not decoded here</source>
        <translation>无缩略图：本机不解码此 RAW 图像</translation>
    </message>
    <message>
        <source>damaged: its picture data is cut short or broken ({reason}); what could be decoded is shown, the rest is grey</source>
        <translation>已损坏：图像数据不完整或有误（{reason}）；能解码的部分已显示，其余为灰色</translation>
    </message>
    <message>
        <source>no thumbnail: no picture could be decoded ({reason}); the original is kept as received</source>
        <translation>无缩略图：无法解码任何画面（{reason}）；原件按接收时原样保留</translation>
    </message>
    <message>
        <source>the date is not the capture date: the file does not say when it was taken, so {what} was used; check the date in the editor</source>
        <translation>该日期不是拍摄日期：文件未记录拍摄时间，因此采用了{what}；请在著录界面核对日期</translation>
    </message>
    <message>
        <source>the time the file was last modified (often when it was copied)</source>
        <translation>文件最后修改的时间（通常是复制的时间）</translation>
    </message>
    <message>
        <source>the time the file was last changed (EXIF ModifyDate)</source>
        <translation>文件最后更改的时间（EXIF ModifyDate）</translation>
    </message>
    <message>
        <source>{name} is not a photo, audio, video or document format FieldArchive takes (its content is not JPEG, TIFF, HEIC, RAW, WAV, MP3, M4A, FLAC, Ogg, AMR, MP4, MOV, AVI, MPG, MKV, PDF, OFD or an office file).</source>
        <translation>{name} 不是 FieldArchive 接收的照片、音频、视频或文档格式（其内容不是 JPEG、TIFF、HEIC、RAW、WAV、MP3、M4A、FLAC、Ogg、AMR、MP4、MOV、AVI、MPG、MKV、PDF、OFD 或办公文档）。</translation>
    </message>
    <message>
        <source>{name} is a link whose target is missing.</source>
        <translation>{name} 是一个链接，其目标不存在。</translation>
    </message>
    <message>
        <source>{name} no longer exists.</source>
        <translation>{name} 已不存在。</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>命名管道（FIFO）</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>设备文件</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>非普通文件</translation>
    </message>
    <message>
        <source>{name} is {what}, not a file that can be imported.</source>
        <translation>{name} 是{what}，不是可以导入的文件。</translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes); there is nothing to keep.</source>
        <translation>{name} 是空文件（0 字节），没有可保存的内容。</translation>
    </message>
    <message>
        <source>{format} is kept as received; its picture is not read here</source>
        <translation>{format} 按原样保存；本机不读取其图像</translation>
    </message>
    <message>
        <source>it cannot be played here ({reason}); the original is kept as received</source>
        <translation>本机无法播放（{reason}）；原件按接收时原样保留</translation>
    </message>
    <message>
        <source>Unknown provenance details: {names}.</source>
        <translation>未知的来源信息：{names}。</translation>
    </message>
    <message>
        <source>{option} belongs to {owner}, but this source is {source}; give --source to match.</source>
        <translation>{option} 属于{owner}，但本次来源是{source}；请用 --source 指定相应来源。</translation>
    </message>
    <message>
        <source>A {source} source needs the {field} ({field_zh}); give {option}.</source>
        <translation>来源为{source}时需要填写{field_zh}（{field}）；请给出 {option}。</translation>
    </message>
    <message>
        <source>The handover date &apos;{text}&apos; is not an ISO 8601 date; write e.g. 2025-07-23.</source>
        <translation>移交日期“{text}”不是 ISO 8601 日期；请写成如 2025-07-23。</translation>
    </message>
    <message>
        <source>The disk holding {path} has {free} MB free but a recording of {seconds} s needs about {needed} MB; free some space and try again.</source>
        <translation>{path} 所在磁盘只剩 {free} MB，而 {seconds} 秒的录音约需 {needed} MB；请腾出空间后重试。</translation>
    </message>
    <message>
        <source>no thumbnail: the picture ({width} x {height} pixels) is larger than FieldArchive decodes for one; the original is kept as it is</source>
        <translation>无缩略图：图像（{width} × {height} 像素）超出本程序为生成缩略图所解码的大小；原件按原样保留</translation>
    </message>
    <message>
        <source>{name}: its picture data is damaged or cut short ({reason}).</source>
        <translation>{name}：图像数据已损坏或不完整（{reason}）。</translation>
    </message>
    <message>
        <source>{name} has no video stream.</source>
        <translation>{name} 没有视频流。</translation>
    </message>
    <message>
        <source>{name}: no picture could be decoded ({reason}).</source>
        <translation>{name}：无法解码出任何画面（{reason}）。</translation>
    </message>
    <message>
        <source>{name}: no picture could be decoded.</source>
        <translation>{name}：无法解码出任何画面。</translation>
    </message>
    <message>
        <source>The camera picture is too small to record ({width}x{height}).</source>
        <translation>相机画面太小，无法录制（{width}×{height}）。</translation>
    </message>
    <message>
        <source>The camera gave no pictures, so there is no video to keep.</source>
        <translation>相机没有提供画面，没有可保存的视频。</translation>
    </message>
    <message>
        <source>capture: give an action: photo, video, audio or devices</source>
        <translation>capture：请给出操作：photo、video、audio 或 devices</translation>
    </message>
    <message>
        <source>recording cut short at {seconds} s of {asked} s: {reason}; what was recorded is stored.</source>
        <translation>录制在 {seconds} 秒时提前结束（要求 {asked} 秒）：{reason}；已录制的内容已保存。</translation>
    </message>
    <message>
        <source>stopped by the user at {seconds} s; what was recorded is stored.</source>
        <translation>用户在 {seconds} 秒时停止；已录制的内容已保存。</translation>
    </message>
    <message>
        <source>fieldarchive: warning: {text}</source>
        <translation>fieldarchive：警告：{text}</translation>
    </message>
    <message>
        <source>The disk holding the store {path} is full, so the recording could not be kept; free some space and try again.</source>
        <translation>档案库 {path} 所在磁盘已满，录制内容无法保存；请腾出空间后重试。</translation>
    </message>
    <message>
        <source>capture photo: give --interval SECONDS with --count above 1</source>
        <translation>capture photo：--count 大于 1 时请给出 --interval 秒数</translation>
    </message>
    <message>
        <source>stopped by the user</source>
        <translation>用户已停止</translation>
    </message>
    <message>
        <source>{taken} of {count} photos taken: {reason}; the photos taken are stored.</source>
        <translation>已拍摄 {taken} / {count} 张：{reason}；已拍摄的照片已保存。</translation>
    </message>
    <message>
        <source>Nothing was recorded, so nothing was stored.</source>
        <translation>没有录到任何声音，因此没有保存。</translation>
    </message>
    <message>
        <source>the microphone delivered only {seconds} s of sound in {wall} s of recording; check the device.</source>
        <translation>麦克风在 {wall} 秒的录音时间内只送来 {seconds} 秒的声音；请检查设备。</translation>
    </message>
    <message>
        <source>No microphone was found.</source>
        <translation>未找到麦克风。</translation>
    </message>
    <message>
        <source>a passphrase is needed; give it on standard input</source>
        <translation>需要口令；请从标准输入提供</translation>
    </message>
    <message>
        <source>give a command; see &apos;fieldarchive --help&apos;</source>
        <translation>请给出命令；参见 “fieldarchive --help”</translation>
    </message>
    <message>
        <source>interrupted; nothing half-done was kept</source>
        <translation>已中断；未保留任何半成品</translation>
    </message>
    <message>
        <source>fieldarchive: an export was interrupted; its partial package was removed: {paths}. Nothing was handed over; export again.</source>
        <translation>fieldarchive：有一次导出被中断；其未完成的数据包已删除：{paths}。没有移交任何内容，请重新导出。</translation>
    </message>
    <message>
        <source>fieldarchive: an export was interrupted; its partial package is on a disk that is not connected: {paths}. Delete it there; nothing was handed over.</source>
        <translation>fieldarchive：有一次导出被中断；其未完成的数据包在一个未连接的磁盘上：{paths}。请到该磁盘上删除；没有移交任何内容。</translation>
    </message>
    <message>
        <source>fieldarchive: the last program to use {path} was interrupted; {placed} file(s) it had not finished storing and {partial} unfinished copy or recording file(s) were removed. Everything reported as stored before is kept; check what the interrupted work was and do it again.</source>
        <translation>fieldarchive：上一个使用 {path} 的程序被中断；已移除其未完成存储的 {placed} 个文件和 {partial} 个未完成的复制或录制文件。此前报告已存储的内容均完好保留；请查明被中断的工作并重新进行。</translation>
    </message>
    <message>
        <source>fieldarchive: what the interrupted recording(s) had recorded is kept in {folder} ({names}); import it to add it to the store.</source>
        <translation>fieldarchive：被中断的录制已录下的内容保存在 {folder}（{names}）；请导入它，才会存入档案库。</translation>
    </message>
    <message>
        <source>the two passphrases differ; nothing was changed</source>
        <translation>两次输入的口令不一致；未作任何更改</translation>
    </message>
    <message>
        <source>fieldarchive: import cancelled; the files listed as imported are kept</source>
        <translation>fieldarchive：导入已取消；列为已导入的文件已保留</translation>
    </message>
    <message>
        <source>fieldarchive: {count} file(s) could not be imported; the reasons are listed above</source>
        <translation>fieldarchive：{count} 个文件未能导入；原因见上方列表</translation>
    </message>
    <message>
        <source>physical: give an action: add or attach</source>
        <translation>physical：请给出操作：add 或 attach</translation>
    </message>
    <message>
        <source>fieldarchive: {count} photo(s) could not be attached; the object is recorded</source>
        <translation>fieldarchive：{count} 张照片未能关联；实物已登记</translation>
    </message>
    <message>
        <source>Unknown {what} &apos;{text}&apos;; use one of: {choices}.</source>
        <translation>未知的{what}“{text}”；可用：{choices}。</translation>
    </message>
    <message>
        <source>incident kind</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <source>incident level</source>
        <translation>事件级别</translation>
    </message>
    <message>
        <source>phase</source>
        <translation>事件阶段</translation>
    </message>
    <message>
        <source>source channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>retention</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>密级</translation>
    </message>
    <message>
        <source>category</source>
        <translation>门类</translation>
    </message>
    <message>
        <source>item kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>log category</source>
        <translation>日志类别</translation>
    </message>
    <message>
        <source>review status</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <source>item state</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>open status</source>
        <translation>开放状态</translation>
    </message>
    <message>
        <source>The date {value} is outside the years FieldArchive takes ({earliest} to {latest}); check the year.</source>
        <translation>日期 {value} 超出本程序接受的年份范围（{earliest} 至 {latest} 年）；请检查年份。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an ISO 8601 date/time; write e.g. 2025-07-21T14:30+08:00.</source>
        <translation>“{text}”不是 ISO 8601 日期时间；请写成如 2025-07-21T14:30+08:00。</translation>
    </message>
    <message>
        <source>{path} holds a database that is not a FieldArchive store; choose another folder.</source>
        <translation>{path} 中的数据库不是 FieldArchive 档案库；请选择其他文件夹。</translation>
    </message>
    <message>
        <source>The store at {path} was written by a newer version of FieldArchive (schema {schema}); install the newer version to open it.</source>
        <translation>{path} 处的档案库由更新版本的 FieldArchive 写入（结构版本 {schema}）；请安装新版本后再打开。</translation>
    </message>
    <message>
        <source>The store at {path} could not be upgraded ({reason}), and putting back its copy failed too ({again}); copy {backup} over {database} by hand before using the store.</source>
        <translation>{path} 处的档案库未能升级（{reason}），放回其副本也失败了（{again}）；使用该档案库之前，请手动用 {backup} 覆盖 {database}。</translation>
    </message>
    <message>
        <source>The store at {path} could not be upgraded to this version ({reason}); it was put back as it was from the copy {backup}. Nothing was changed; use the version that wrote it, or report the problem.</source>
        <translation>{path} 处的档案库未能升级到本版本（{reason}）；已用副本 {backup} 恢复原状，没有任何改动。请使用写入它的版本，或报告此问题。</translation>
    </message>
    <message>
        <source>A passphrase needs at least {count} characters.</source>
        <translation>口令至少需要 {count} 个字符。</translation>
    </message>
    <message>
        <source>The {what} &apos;{value}&apos; holds a control character ({char}); names are one line of plain text: type it without line breaks or control characters.</source>
        <translation>{what}“{value}”含有控制字符（{char}）；名称只能是一行纯文本：请去掉换行和控制字符后重新输入。</translation>
    </message>
    <message>
        <source>There is no operator named &apos;{name}&apos;; add one with &apos;fieldarchive operator add&apos; or check the spelling.</source>
        <translation>没有名为“{name}”的操作员；请用 “fieldarchive operator add” 添加，或检查拼写。</translation>
    </message>
    <message>
        <source>There is no incident &apos;{ref}&apos; in this store; &apos;fieldarchive incident list&apos; shows the ids.</source>
        <translation>本档案库中没有事件“{ref}”；“fieldarchive incident list” 可列出事件标识。</translation>
    </message>
    <message>
        <source>The fonds code &apos;{fonds}&apos; is not valid; use letters and digits only, e.g. Z109 (it becomes the first part of every archival code).</source>
        <translation>全宗号“{fonds}”无效；只能使用字母和数字，如 Z109（它是每个档号的第一部分）。</translation>
    </message>
    <message>
        <source>incident name</source>
        <translation>事件名称</translation>
    </message>
    <message>
        <source>place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>lead unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>An incident needs a name.</source>
        <translation>事件需要名称。</translation>
    </message>
    <message>
        <source>The incident&apos;s start time is in the future; check the date.</source>
        <translation>事件开始时间在将来；请检查日期。</translation>
    </message>
    <message>
        <source>Unknown incident fields: {fields}.</source>
        <translation>未知的事件字段：{fields}。</translation>
    </message>
    <message>
        <source>The organisation code &apos;{value}&apos; must be letters and digits only (it becomes part of every archival code).</source>
        <translation>机构（问题）代码“{value}”只能由字母和数字组成（它是每个档号的一部分）。</translation>
    </message>
    <message>
        <source>An incident numbered &apos;{number}&apos; already exists.</source>
        <translation>编号为“{number}”的事件已存在。</translation>
    </message>
    <message>
        <source>The response cannot end before the incident started.</source>
        <translation>应急响应的结束时间不能早于事件开始时间。</translation>
    </message>
    <message>
        <source>Items of this incident have been transferred under its fonds number and organisation code; these can no longer change.</source>
        <translation>本事件已有档案按现有全宗号和机构代码移交；这两项不能再修改。</translation>
    </message>
    <message>
        <source>{name} is already in this incident (item {item}).</source>
        <translation>{name} 已在本事件中（条目 {item}）。</translation>
    </message>
    <message>
        <source>Unknown item kind &apos;{kind}&apos;.</source>
        <translation>未知的条目类型“{kind}”。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a {field}; use one of: {choices}. Nothing was changed.</source>
        <translation>“{value}”不是有效的{field}；请使用：{choices}。未作任何修改。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a date; write ISO 8601, e.g. 2025-07-21T14:30+08:00. Nothing was changed.</source>
        <translation>“{value}”不是日期；请按 ISO 8601 填写，例如 2025-07-21T14:30+08:00。未作任何修改。</translation>
    </message>
    <message>
        <source>The date {value} lies in the future; check it (and the camera&apos;s clock). Nothing was changed.</source>
        <translation>日期 {value} 在未来；请检查日期（以及相机时钟）。未作任何修改。</translation>
    </message>
    <message>
        <source>The {name} {value} is out of range (-{limit} to {limit} degrees, WGS-84). Nothing was changed.</source>
        <translation>{name} {value} 超出范围（WGS-84，-{limit} 至 {limit} 度）。未作任何修改。</translation>
    </message>
    <message>
        <source>The {field} is {length} characters long; at most {limit} fit. Nothing was changed.</source>
        <translation>{field}长 {length} 个字符，最多只能 {limit} 个。未作任何更改。</translation>
    </message>
    <message>
        <source>{fields}: only physical objects have these, and {items} are not; nothing was changed.</source>
        <translation>{fields}：只有实物才有这些字段，而 {items} 不是实物；未作任何更改。</translation>
    </message>
    <message>
        <source>Unknown item fields: {fields}.</source>
        <translation>未知的条目字段：{fields}。</translation>
    </message>
    <message>
        <source>Give at least one field to set.</source>
        <translation>请至少给出一个要设置的字段。</translation>
    </message>
    <message>
        <source>The {field} cannot be empty.</source>
        <translation>{field}不能为空。</translation>
    </message>
    <message>
        <source>Give a category of the incident&apos;s retention schedule.</source>
        <translation>请给出本事件保管期限表中的一个类目。</translation>
    </message>
    <message>
        <source>The caption elements are {elements}; nothing was changed.</source>
        <translation>文字说明要素为：{elements}；未作任何修改。</translation>
    </message>
    <message>
        <source>Give the latitude and the longitude together. Nothing was changed.</source>
        <translation>纬度和经度须同时给出。未作任何修改。</translation>
    </message>
    <message>
        <source>&apos;{category}&apos; is not a category of this incident&apos;s retention schedule; use one of: {choices}. Nothing was changed.</source>
        <translation>“{category}”不是本事件保管期限表中的类目；请使用：{choices}。未作任何修改。</translation>
    </message>
    <message>
        <source>Say why these items are not to be archived (a reason is needed).</source>
        <translation>请说明这些材料不归档的理由（必须填写）。</translation>
    </message>
    <message>
        <source>Unknown file role &apos;{role}&apos;.</source>
        <translation>未知的文件角色“{role}”。</translation>
    </message>
    <message>
        <source>There is no import batch {batch} in this incident.</source>
        <translation>本事件中没有导入批次 {batch}。</translation>
    </message>
    <message>
        <source>Items cannot be sorted by &apos;{key}&apos;.</source>
        <translation>材料不能按“{key}”排序。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a known {what}.</source>
        <translation>“{value}”不是已知的{what}。</translation>
    </message>
    <message>
        <source>A page holds 1 to {limit} items.</source>
        <translation>每页可含 1 至 {limit} 件。</translation>
    </message>
    <message>
        <source>There is no item {item} in this store.</source>
        <translation>本档案库中没有条目 {item}。</translation>
    </message>
    <message>
        <source>Both items must exist to link them.</source>
        <translation>两个条目都必须存在才能关联。</translation>
    </message>
    <message>
        <source>Items of different incidents cannot be linked.</source>
        <translation>不同事件的条目不能相互关联。</translation>
    </message>
    <message>
        <source>{name} is an operator with the {role} role; this needs a {needed}.</source>
        <translation>{name} 的角色是 {role}；此操作需要 {needed}。</translation>
    </message>
    <message>
        <source>Wrong passphrase for {name}; nothing was changed.</source>
        <translation>{name} 的口令错误；未作任何更改。</translation>
    </message>
    <message>
        <source>operator name</source>
        <translation>操作人员姓名</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>An operator needs a name.</source>
        <translation>操作员需要姓名。</translation>
    </message>
    <message>
        <source>An operator needs a unit (the organisation they work for).</source>
        <translation>操作员需要填写单位（所在机构）。</translation>
    </message>
    <message>
        <source>A {role} needs a passphrase to confirm their sign-offs.</source>
        <translation>角色 {role} 需要口令，用于确认其签核。</translation>
    </message>
    <message>
        <source>An operator named &apos;{name}&apos; already exists.</source>
        <translation>名为“{name}”的操作员已存在。</translation>
    </message>
    <message>
        <source>{name} is a {role}: making them the current operator needs their passphrase, and it was missing or wrong; nothing was changed.</source>
        <translation>{name} 的角色是 {role}：设为当前操作员需要其口令，口令缺失或错误；未作任何更改。</translation>
    </message>
    <message>
        <source>The signing key of {name} cannot be opened: it was changed outside the program. Run &apos;fieldarchive check&apos;.</source>
        <translation>{name} 的签名密钥无法打开：它已在本程序之外被改动。请运行“fieldarchive check”。</translation>
    </message>
    <message>
        <source>This incident has no retention schedule.</source>
        <translation>本事件没有保管期限表。</translation>
    </message>
    <message>
        <source>A retention schedule needs at least one category.</source>
        <translation>保管期限表至少需要一个类目。</translation>
    </message>
    <message>
        <source>Each category of the schedule needs its own key.</source>
        <translation>保管期限表的每个类目都需要唯一的键。</translation>
    </message>
    <message>
        <source>Unknown retention &apos;{retention}&apos; for {category}.</source>
        <translation>{category} 的保管期限“{retention}”未知。</translation>
    </message>
    <message>
        <source>An approval needs the reference of the approving document.</source>
        <translation>批准需要填写批准文件的文号。</translation>
    </message>
    <message>
        <source>{name} is an operator with the {role} role; approving a schedule needs a reviewer or supervisor.</source>
        <translation>{name} 的角色是 {role}；批准保管期限表需要审核人或主管。</translation>
    </message>
    <message>
        <source>Version {version} of the schedule is already approved ({approval}); revise it first to approve a new version.</source>
        <translation>保管期限表第 {version} 版已批准（{approval}）；如需批准新版本，请先修订。</translation>
    </message>
    <message>
        <source>&apos;{ref}&apos; matches several work-log entries; give more of the id.</source>
        <translation>“{ref}”与多条工作日志匹配；请给出更长的标识。</translation>
    </message>
    <message>
        <source>There is no work-log entry &apos;{ref}&apos; in this store; &apos;fieldarchive log show&apos; lists the ids.</source>
        <translation>本档案库中没有工作日志“{ref}”；“fieldarchive log show” 可列出标识。</translation>
    </message>
    <message>
        <source>{name} is a supervisor: supervisors inspect the work log and do not record entries in it; choose an archivist or reviewer as the recorder.</source>
        <translation>{name} 是监督检查人：监督检查人检查工作日志，不在其中记录条目；请选择档案员或审核人作为记录人。</translation>
    </message>
    <message>
        <source>A work-log entry needs a named recorder, and this store has no default operator; give --operator NAME, or add one with &apos;fieldarchive operator add --name NAME --unit UNIT --role archivist&apos; (the first operator becomes the default).</source>
        <translation>工作日志需要署名的记录人，而本档案库没有默认操作员；请给出 --operator 姓名，或用 “fieldarchive operator add --name 姓名 --unit 单位 --role archivist” 添加（第一个操作员即为默认）。</translation>
    </message>
    <message>
        <source>There is no item &apos;{ref}&apos; in this incident to link; give an item id or its archival code.</source>
        <translation>本事件中没有可关联的条目“{ref}”；请给出条目标识或其档号。</translation>
    </message>
    <message>
        <source>The time {time} is in the future (it is now {now}).</source>
        <translation>时间 {time} 在将来（现在是 {now}）。</translation>
    </message>
    <message>
        <source>The time {time} is before the incident started ({started}).</source>
        <translation>时间 {time} 早于事件开始时间（{started}）。</translation>
    </message>
    <message>
        <source>The time {time} is {hours} hours before entry #{seq} ({other}), the entry recorded before it.</source>
        <translation>时间 {time} 比前一条记录 #{seq}（{other}）早 {hours} 小时。</translation>
    </message>
    <message>
        <source>The time {time} is {hours} hours after entry #{seq} ({other}), the entry recorded after it.</source>
        <translation>时间 {time} 比后一条记录 #{seq}（{other}）晚 {hours} 小时。</translation>
    </message>
    <message>
        <source>A work-log entry holds at most {limit} characters; this text has {length}. Split it into several entries, or import the full text as a document and link it.</source>
        <translation>一条工作日志最多 {limit} 个字符；这段文字有 {length} 个。请分成几条记录，或把全文作为文书导入后关联。</translation>
    </message>
    <message>
        <source>The text holds a control character ({char}) at character {position}; it would not survive the log&apos;s XML and PDF. Remove it (line breaks and tabs are fine).</source>
        <translation>文字第 {position} 个字符是控制字符（{char}），无法保存到日志的 XML 和 PDF 中。请删除它（换行和制表符可以保留）。</translation>
    </message>
    <message>
        <source>A page holds 1 to {most} entries.</source>
        <translation>每页可容纳 1 至 {most} 条。</translation>
    </message>
    <message>
        <source>Incident {incident} has no work-log entries in operational period &apos;{period}&apos;.</source>
        <translation>事件 {incident} 在作业时段“{period}”中没有工作日志。</translation>
    </message>
    <message>
        <source>A work-log entry needs text saying what was done.</source>
        <translation>工作日志需要写明做了什么。</translation>
    </message>
    <message>
        <source>A correction needs the corrected text.</source>
        <translation>更正需要填写更正后的内容。</translation>
    </message>
    <message>
        <source>A correction needs a reason saying why the entry was wrong.</source>
        <translation>更正需要说明原记录错在哪里。</translation>
    </message>
    <message>
        <source>The correction of entry #{seq} changes nothing; give the corrected text.</source>
        <translation>对第 {seq} 条的更正没有任何改动；请填写更正后的内容。</translation>
    </message>
    <message>
        <source>Name at least one work-log entry to review.</source>
        <translation>请至少指定一条要审核的工作日志。</translation>
    </message>
    <message>
        <source>Returning an entry needs comments saying what to correct.</source>
        <translation>退回日志需要填写意见，说明应更正什么。</translation>
    </message>
    <message>
        <source>{name} recorded entry #{seq}; an entry must be reviewed by someone else. Nothing was reviewed.</source>
        <translation>第 {seq} 条由 {name} 记录；日志必须由他人审核。未审核任何日志。</translation>
    </message>
    <message>
        <source>Entry #{seq} has already been corrected (current version: #{current_seq}, id {current_id}); review the current version instead.</source>
        <translation>第 {seq} 条已被更正（当前版本：第 {current_seq} 条，标识 {current_id}）；请审核当前版本。</translation>
    </message>
    <message>
        <source>Entry #{seq} has already been corrected (current version: #{current_seq}, id {current_id}); correct the current version instead.</source>
        <translation>第 {seq} 条已被更正（当前版本：第 {current_seq} 条，标识 {current_id}）；请更正当前版本。</translation>
    </message>
    <message>
        <source>The store at {path} is in use by another program; close it and try again.</source>
        <translation>{path} 处的档案库正被其他程序使用；请关闭该程序后重试。</translation>
    </message>
    <message>
        <source>The disk holding {path} is full; nothing was changed. Free some space and try again.</source>
        <translation>{path} 所在磁盘已满，未作任何更改。请腾出空间后重试。</translation>
    </message>
    <message>
        <source>The disk holding {path} could not be read or written ({reason}); check that it is still connected, then try again.</source>
        <translation>{path} 所在磁盘无法读写（{reason}）；请检查磁盘仍然连接，然后重试。</translation>
    </message>
    <message>
        <source>The store at {path} cannot be written; it can be read (list, show, check) but not changed: copy it to a writable disk to work in it.</source>
        <translation>{path} 处的档案库无法写入；可以读取（列出、查看、检查）但不能修改：请复制到可写磁盘上再使用。</translation>
    </message>
    <message>
        <source>The database in {path} is damaged ({reason}); restore it from a backup in {backups} or from a transfer copy.</source>
        <translation>{path} 中的数据库已损坏（{reason}）；请从 {backups} 中的备份或移交副本恢复。</translation>
    </message>
    <message>
        <source>Cannot create a store at {path} ({reason}); choose a writable folder.</source>
        <translation>无法在 {path} 创建档案库（{reason}）；请选择可写的文件夹。</translation>
    </message>
    <message>
        <source>{path} is not a folder; give the folder of a FieldArchive store.</source>
        <translation>{path} 不是文件夹；请给出 FieldArchive 存储库所在的文件夹。</translation>
    </message>
    <message>
        <source>{path} is not a FieldArchive store (it has no {name}).</source>
        <translation>{path} 不是 FieldArchive 存储库（其中没有 {name}）。</translation>
    </message>
    <message>
        <source>{path} is empty; restore it from a backup.</source>
        <translation>{path} 为空；请从备份恢复。</translation>
    </message>
    <message>
        <source>{path} is not a FieldArchive store (its database is empty).</source>
        <translation>{path} 不是 FieldArchive 档案库（其数据库为空）。</translation>
    </message>
    <message>
        <source>{path} is not a SQLite database (damaged or replaced).</source>
        <translation>{path} 不是 SQLite 数据库（已损坏或被替换）。</translation>
    </message>
    <message>
        <source>The store at {path} kept changing while it was being read; try again in a moment.</source>
        <translation>读取期间 {path} 处的存储库一直在变化；请稍后再试。</translation>
    </message>
    <message>
        <source>The store at {path} was written by a newer version of FieldArchive (schema {revision}) whose tables this version cannot read; review it with the newer version.</source>
        <translation>{path} 处的存储库由更新版本的 FieldArchive 写入（数据结构 {revision}），本版本无法读取其数据表；请用新版本审阅。</translation>
    </message>
    <message>
        <source>{path} is not a FieldArchive store (no {database}).</source>
        <translation>{path} 不是 FieldArchive 档案库（没有 {database}）。</translation>
    </message>
    <message>
        <source>The store at {path} is open read-only.</source>
        <translation>{path} 处的档案库以只读方式打开。</translation>
    </message>
    <message>
        <source>{path} is a file, not a store folder; give the store&apos;s folder.</source>
        <translation>{path} 是文件，不是档案库文件夹；请给出档案库所在的文件夹。</translation>
    </message>
    <message>
        <source>The database in {path} is damaged (its schema is not readable); restore it from a backup in {backups} or from a transfer copy.</source>
        <translation>{path} 中的数据库已损坏（其结构无法读取）；请从 {backups} 中的备份或移交副本恢复。</translation>
    </message>
    <message>
        <source>{database} is not a database file; {path} is not a store.</source>
        <translation>{database} 不是数据库文件；{path} 不是档案库。</translation>
    </message>
    <message>
        <source>Cannot read {path} ({reason}).</source>
        <translation>无法读取 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>{database} is not a SQLite database (damaged or replaced); restore it from a backup in {backups}.</source>
        <translation>{database} 不是 SQLite 数据库（已损坏或被替换）；请从 {backups} 中的备份恢复。</translation>
    </message>
    <message>
        <source>{database} is empty; restore it from a backup.</source>
        <translation>{database} 是空的；请从备份恢复。</translation>
    </message>
    <message>
        <source>The store at {path} is on a read-only location; it can be read (list, show, check) but not changed: copy it to a writable disk to work in it.</source>
        <translation>{path} 处的档案库位于只读位置；可以读取（列出、查看、检查）但不能修改：请复制到可写磁盘上再使用。</translation>
    </message>
    <message>
        <source>{path} is not a FieldArchive store (no {database}); check the path, or create an incident there to start a new store.</source>
        <translation>{path} 不是 FieldArchive 档案库（没有 {database}）；请检查路径，或在该处创建事件以新建档案库。</translation>
    </message>
    <message>
        <source>{path} is not a FieldArchive store and is not empty; choose an empty folder for a new store.</source>
        <translation>{path} 不是 FieldArchive 档案库，且不是空文件夹；请为新档案库选择一个空文件夹。</translation>
    </message>
    <message>
        <source>Cannot create a store in {path}: the folder is read-only.</source>
        <translation>无法在 {path} 中创建档案库：该文件夹只读。</translation>
    </message>
    <message>
        <source>The disk holding {path} is full; free some space and try again.</source>
        <translation>{path} 所在磁盘已满；请腾出空间后重试。</translation>
    </message>
    <message>
        <source>Cannot write to {path} ({reason}); choose a writable location.</source>
        <translation>无法写入 {path}（{reason}）；请选择可写的位置。</translation>
    </message>
    <message>
        <source>Could not write to {path}: {reason}.</source>
        <translation>未能写入 {path}：{reason}。</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not a file of this store&apos;s vault.</source>
        <translation>“{path}”不是此存储库文件库中的文件。</translation>
    </message>
    <message>
        <source>log: give an action: add, correct, review, show or render</source>
        <translation>log：请给出操作：add、correct、review、show 或 render</translation>
    </message>
    <message>
        <source>{doubt} Check the time, or pass --force to record it anyway; nothing was stored.</source>
        <translation>{doubt}请检查时间，或加 --force 仍按此记录；未保存任何内容。</translation>
    </message>
    <message>
        <source>log review --return needs --opinion saying what to correct</source>
        <translation>log review --return 需要用 --opinion 说明应更正什么</translation>
    </message>
    <message>
        <source>log render --out must name a .pdf or .xml file</source>
        <translation>log render --out 必须是 .pdf 或 .xml 文件</translation>
    </message>
    <message>
        <source>operator: give an action: add, list or default</source>
        <translation>operator：请给出操作：add、list 或 default</translation>
    </message>
    <message>
        <source>schedule: give an action: show, set, approve or print</source>
        <translation>schedule：请给出操作：show、set、approve 或 print</translation>
    </message>
    <message>
        <source>schedule set: give KEY=RETENTION changes or --add</source>
        <translation>schedule set：请给出 KEY=RETENTION 形式的更改或 --add</translation>
    </message>
    <message>
        <source>the JPEG structure is damaged ({reason}); the file is kept as received</source>
        <translation>JPEG 结构已损坏（{reason}）；文件按原样保存</translation>
    </message>
    <message>
        <source>the JPEG ends before its end marker (EOI): the picture may be cut short; the file is kept as received</source>
        <translation>JPEG 在结束标记（EOI）之前就结束了：图像可能不完整；文件按原样保存</translation>
    </message>
    <message>
        <source>the JPEG&apos;s picture data is damaged at byte {offset} (an invalid marker): parts of the picture may be missing or garbled; the file is kept as received</source>
        <translation>JPEG 图像数据在第 {offset} 字节处损坏（无效标记）：部分画面可能缺失或错乱；文件按原样保存</translation>
    </message>
    <message>
        <source>plain text, not an archival format; add it by name to keep it as a document</source>
        <translation>纯文本，不是归档格式；如需作为文档保存，请单独添加该文件</translation>
    </message>
    <message>
        <source>damaged: the file is cut short ({detail}); what could be read is kept</source>
        <translation>已损坏：文件不完整（{detail}）；能读取的部分已保留</translation>
    </message>
    <message>
        <source>damaged: its header gives a wrong size ({detail}); the file is kept as it is</source>
        <translation>已损坏：文件头中的大小有误（{detail}）；文件按原样保留</translation>
    </message>
    <message>
        <source>damaged: the file holds no sound, only its header; it is kept as it is</source>
        <translation>已损坏：文件只有文件头，没有声音；按原样保留</translation>
    </message>
    <message>
        <source>{name} changed while it was being imported, so what was read of it may not match what was stored; nothing of it was kept. Import it again once nothing is writing to it.</source>
        <translation>{name} 在导入过程中发生了变化，读取的内容可能与保存的不一致；该文件未保留任何部分。请在没有程序写入它时重新导入。</translation>
    </message>
    <message>
        <source>{name} became a link while it was being imported; not taken.</source>
        <translation>{name} 在导入过程中变成了链接；未导入。</translation>
    </message>
    <message>
        <source>incident: give an action: create, list, show, edit or end</source>
        <translation>incident：请给出操作：create、list、show、edit 或 end</translation>
    </message>
    <message>
        <source>A piece number starts at 1, not {piece}.</source>
        <translation>件号从 1 开始，不能是 {piece}。</translation>
    </message>
    <message>
        <source>The fonds number &apos;{value}&apos; must be letters and digits only.</source>
        <translation>全宗号“{value}”只能由字母和数字组成。</translation>
    </message>
    <message>
        <source>The organisation code &apos;{value}&apos; must be letters and digits only.</source>
        <translation>机构（问题）代码“{value}”只能由字母和数字组成。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a category code.</source>
        <translation>“{value}”不是门类代码。</translation>
    </message>
    <message>
        <source>The year {value} has not four digits.</source>
        <translation>年度 {value} 不是四位数。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a retention code.</source>
        <translation>“{value}”不是保管期限代码。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an archival code like Z109-ZP·2025-Y-YJB-0007.</source>
        <translation>“{text}”不是档号（格式如 Z109-ZP·2025-Y-YJB-0007）。</translation>
    </message>
    <message>
        <source>A transferred item keeps its archival code for ever.</source>
        <translation>已移交的档案，其档号永不改变。</translation>
    </message>
    <message>
        <source>Removing these items would renumber the transferred item with piece {piece}; transferred codes never change.</source>
        <translation>移出这些档案会使件号为 {piece} 的已移交档案重新编号；已移交档案的档号不能改变。</translation>
    </message>
    <message>
        <source>A transferred item cannot change; add a work-log note instead.</source>
        <translation>已移交的档案不能修改；请改为在工作日志中记录说明。</translation>
    </message>
    <message>
        <source>Only a described item can be filed; this one is {state}.</source>
        <translation>只有已著录的档案才能归档；该档案的状态是 {state}。</translation>
    </message>
    <message>
        <source>Only a filed item can be transferred; this one is {state}.</source>
        <translation>只有已归档的档案才能移交；该档案的状态是 {state}。</translation>
    </message>
    <message>
        <source>audit event #{seq} is {now} in the store but {packaged} in the package: the store&apos;s history was rewritten after the transfer</source>
        <translation>审计事件 #{seq} 在档案库中为 {now}，在数据包中为 {packaged}：移交后档案库的历史被改写</translation>
    </message>
    <message>
        <source>item {code} ({id}) is no longer in the store</source>
        <translation>件 {code}（{id}）已不在档案库中</translation>
    </message>
    <message>
        <source>item {id} now has the archival code {now}; the package has {code}</source>
        <translation>件 {id} 现在的档号为 {now}，数据包中为 {code}</translation>
    </message>
    <message>
        <source>{name} of item {code} is not in the store with the digest the package has</source>
        <translation>件 {code} 的 {name} 在档案库中的摘要与数据包不一致</translation>
    </message>
    <message>
        <source>audit event #{seq} does not match its recorded hash</source>
        <translation>审计事件 #{seq} 与其记录的哈希值不符</translation>
    </message>
    <message>
        <source>the audit chain breaks at event #{seq}</source>
        <translation>审计链在事件 #{seq} 处断开</translation>
    </message>
    <message>
        <source>the audit chain ends at #{count} {hash}, not at the anchor #{anchor_count} {anchor_hash}</source>
        <translation>审计链止于 #{count} {hash}，而非锚点 #{anchor_count} {anchor_hash}</translation>
    </message>
    <message>
        <source>the previous package {name} does not verify itself</source>
        <translation>前一数据包 {name} 本身未通过检测</translation>
    </message>
    <message>
        <source>{newer} is of incident {new_incident}, {older} of {old_incident}</source>
        <translation>{newer} 属于事件 {new_incident}，{older} 属于事件 {old_incident}</translation>
    </message>
    <message>
        <source>{newer} continues from audit head {stated}, but {older} was made at {anchor}: the history between them was rewritten or a batch is missing</source>
        <translation>{newer} 接续的审计链头为 {stated}，但 {older} 生成时为 {anchor}：两者之间的历史被改写，或缺少某一批次</translation>
    </message>
    <message>
        <source>{path} is not well-formed XML ({reason})</source>
        <translation>{path} 不是格式良好的 XML（{reason}）</translation>
    </message>
    <message>
        <source>{path} does not decode as an image ({reason})</source>
        <translation>{path} 无法作为图像解码（{reason}）</translation>
    </message>
    <message>
        <source>{path} does not decode as audio or video ({reason})</source>
        <translation>{path} 无法作为音频或视频解码（{reason}）</translation>
    </message>
    <message>
        <source>{path} is not a sound PDF ({reason})</source>
        <translation>{path} 不是完好的 PDF（{reason}）</translation>
    </message>
    <message>
        <source>{path} fails its structure check ({reason})</source>
        <translation>{path} 未通过结构检查（{reason}）</translation>
    </message>
    <message>
        <source>{path} is too large to decode within the memory budget ({reason}); check it on a computer with more memory</source>
        <translation>{path} 过大，无法在内存限额内解码（{reason}）；请在内存更大的计算机上检查</translation>
    </message>
    <message>
        <source>{path} ({format}) cannot be decoded here; check it with a program that reads it</source>
        <translation>{path}（{format}）无法在本程序中解码，请用能读取该格式的程序检查</translation>
    </message>
    <message>
        <source>{path} is a symbolic link; it was not followed</source>
        <translation>{path} 是符号链接，未跟随</translation>
    </message>
    <message>
        <source>the ZIP entry {name} lies outside the package&apos;s one root folder; it was not read</source>
        <translation>ZIP 条目 {name} 位于数据包根目录之外，未读取</translation>
    </message>
    <message>
        <source>the ZIP entry {name} is encrypted</source>
        <translation>ZIP 条目 {name} 已加密</translation>
    </message>
    <message>
        <source>the ZIP entry {name} is compressed; a transfer package stores its entries</source>
        <translation>ZIP 条目 {name} 经过压缩；移交数据包的条目应为存储（不压缩）方式</translation>
    </message>
    <message>
        <source>the ZIP entry {name} declares sizes that do not agree</source>
        <translation>ZIP 条目 {name} 声明的大小前后不一致</translation>
    </message>
    <message>
        <source>No Chinese font to write the PDF with: {path} is missing and no system CJK font was found; reinstall FieldArchive.</source>
        <translation>没有可用于生成 PDF 的中文字体：{path} 缺失，系统中也未找到中日韩字体；请重新安装 FieldArchive。</translation>
    </message>
    <message>
        <source>The stored file {vault_path} {reason}; the export stopped and nothing was handed over.</source>
        <translation>库内文件 {vault_path} {reason}；导出已停止，未移交任何内容。</translation>
    </message>
    <message>
        <source>The export was cancelled; nothing was handed over.</source>
        <translation>导出已取消，未移交任何内容。</translation>
    </message>
    <message>
        <source>Pre-flight found {count} required check(s) failing; nothing was exported.</source>
        <translation>预检发现 {count} 项必检项目未通过，未导出任何内容。</translation>
    </message>
    <message>
        <source>The target folder {path} does not exist.</source>
        <translation>目标文件夹 {path} 不存在。</translation>
    </message>
    <message>
        <source>{path} already exists; choose another target folder.</source>
        <translation>{path} 已存在，请选择其他目标文件夹。</translation>
    </message>
    <message>
        <source>The target disk {path} is full; the partial package was removed and nothing was handed over. Free space or choose a larger carrier.</source>
        <translation>目标磁盘 {path} 已满；未完成的数据包已删除，未移交任何内容。请释放空间或选择更大的载体。</translation>
    </message>
    <message>
        <source>Writing the package to {path} failed ({reason}); the partial package was removed and nothing was handed over.</source>
        <translation>向 {path} 写入数据包失败（{reason}）；未完成的数据包已删除，未移交任何内容。</translation>
    </message>
    <message>
        <source>Item {code} ({size} bytes) does not fit on a carrier of {carrier} bytes; choose a larger carrier size.</source>
        <translation>件 {code}（{size} 字节）超出载体容量 {carrier} 字节，请选择更大的载体容量。</translation>
    </message>
    <message>
        <source>{name} has no {what} recorded</source>
        <translation>{name} 未记录 {what} 摘要</translation>
    </message>
    <message>
        <source>the archival code &apos;{code}&apos; is not of the form {pattern}</source>
        <translation>档号“{code}”不符合 {pattern} 的格式</translation>
    </message>
    <message>
        <source>the archival code &apos;{code}&apos; does not agree with the item&apos;s category, year, retention or piece number</source>
        <translation>档号“{code}”与该件的门类、年度、保管期限或件号不一致</translation>
    </message>
    <message>
        <source>required fields are empty: {fields}</source>
        <translation>必填项为空：{fields}</translation>
    </message>
    <message>
        <source>the item was already transferred</source>
        <translation>该件已移交</translation>
    </message>
    <message>
        <source>the item is not filed (state: {state})</source>
        <translation>该件尚未归档（状态：{state}）</translation>
    </message>
    <message>
        <source>the item has no original file</source>
        <translation>该件没有原始文件</translation>
    </message>
    <message>
        <source>{name} is {format}, which is not an archival format</source>
        <translation>{name} 的格式为 {format}，不属于归档格式</translation>
    </message>
    <message>
        <source>the import reported: {warning}</source>
        <translation>导入时报告：{warning}</translation>
    </message>
    <message>
        <source>the item is not classified and does not belong in a classified batch</source>
        <translation>该件不涉密，不应放入涉密批次</translation>
    </message>
    <message>
        <source>the item is classified {level}; it may only go in a separate classified batch</source>
        <translation>该件密级为 {level}，只能放入单独的涉密批次</translation>
    </message>
    <message>
        <source>no audit event of this item was found</source>
        <translation>未找到该件的审计事件</translation>
    </message>
    <message>
        <source>the archival code &apos;{code}&apos; is given to {count} items</source>
        <translation>档号“{code}”被 {count} 件共用</translation>
    </message>
    <message>
        <source>piece numbers missing: {pieces}</source>
        <translation>缺少件号：{pieces}</translation>
    </message>
    <message>
        <source>{count} work-log entries are not reviewed</source>
        <translation>{count} 条工作日志尚未审核</translation>
    </message>
    <message>
        <source>there are no filed items left to transfer in this incident</source>
        <translation>该事件已没有待移交的已归档文件</translation>
    </message>
    <message>
        <source>The report cannot be saved inside the package being reviewed ({path}); choose another folder.</source>
        <translation>审阅报告不能保存在被审阅的数据包（{path}）之内；请选择其他文件夹。</translation>
    </message>
    <message>
        <source>The report cannot be saved inside the store being reviewed ({path}); choose another folder.</source>
        <translation>审阅报告不能保存在被审阅的存储库（{path}）之内；请选择其他文件夹。</translation>
    </message>
    <message>
        <source>The report needs the inspector&apos;s name.</source>
        <translation>审阅报告需要填写审阅人姓名。</translation>
    </message>
    <message>
        <source>the package cannot be opened ({reason})</source>
        <translation>无法打开数据包（{reason}）</translation>
    </message>
    <message>
        <source>{file} line {line} is not &apos;digest path&apos;</source>
        <translation>{file} 第 {line} 行不是“摘要 路径”格式</translation>
    </message>
    <message>
        <source>{file} lists {path}, a path outside the bag; it was not opened</source>
        <translation>{file} 列出了数据包之外的路径 {path}，未打开</translation>
    </message>
    <message>
        <source>the ZIP entry {name} is damaged ({reason})</source>
        <translation>ZIP 条目 {name} 已损坏（{reason}）</translation>
    </message>
    <message>
        <source>{path} cannot be read ({reason})</source>
        <translation>无法读取 {path}（{reason}）</translation>
    </message>
    <message>
        <source>bagit.txt is missing: this is not a BagIt bag</source>
        <translation>缺少 bagit.txt：这不是 BagIt 数据包</translation>
    </message>
    <message>
        <source>{code} is in the catalogue but its folder is missing</source>
        <translation>{code} 列在目录文件中，但其文件夹缺失</translation>
    </message>
    <message>
        <source>the archival code &apos;{code}&apos; is given to another item in an earlier package</source>
        <translation>档号“{code}”已由前一个数据包中的另一件使用</translation>
    </message>
    <message>
        <source>bagit.txt must declare BagIt-Version and Tag-File-Character-Encoding</source>
        <translation>bagit.txt 必须声明 BagIt-Version 和 Tag-File-Character-Encoding</translation>
    </message>
    <message>
        <source>unknown tag-file encoding {encoding}</source>
        <translation>未知的标签文件编码 {encoding}</translation>
    </message>
    <message>
        <source>fetch.txt lists files to download: the bag is not complete offline</source>
        <translation>fetch.txt 列出了需下载的文件：数据包离线状态下不完整</translation>
    </message>
    <message>
        <source>the bag has no payload manifest</source>
        <translation>数据包没有载荷清单</translation>
    </message>
    <message>
        <source>{file} uses an algorithm this program does not know; its digests were not checked</source>
        <translation>{file} 使用了本程序不支持的算法，其摘要未校验</translation>
    </message>
    <message>
        <source>{path} is listed in {file} but missing from the bag</source>
        <translation>{path} 在 {file} 中列出，但数据包中缺失</translation>
    </message>
    <message>
        <source>{path} is in the bag but not listed in {file}</source>
        <translation>{path} 在数据包中，但未列入 {file}</translation>
    </message>
    <message>
        <source>{file} lists {path}, which is not under data/</source>
        <translation>{file} 列出的 {path} 不在 data/ 之下</translation>
    </message>
    <message>
        <source>{path}: the {algorithm} digest differs from manifest-{algorithm}.txt (the file was changed)</source>
        <translation>{path}：{algorithm} 摘要与 manifest-{algorithm}.txt 不符（文件已被改动）</translation>
    </message>
    <message>
        <source>{path}: the {algorithm} digest differs from {file} (the tag file was changed)</source>
        <translation>{path}：{algorithm} 摘要与 {file} 不符（标签文件已被改动）</translation>
    </message>
    <message>
        <source>Payload-Oxum in bag-info.txt says {stated}; the payload is {actual} (bytes.files)</source>
        <translation>bag-info.txt 中的 Payload-Oxum 为 {stated}，实际载荷为 {actual}（字节数.文件数）</translation>
    </message>
    <message>
        <source>the bag has no tag manifest</source>
        <translation>数据包没有标签清单</translation>
    </message>
    <message>
        <source>{path} is a hidden or system file</source>
        <translation>{path} 是隐藏文件或系统文件</translation>
    </message>
    <message>
        <source>{path} is a tag file no tag manifest lists</source>
        <translation>{path} 是未列入任何标签清单的标签文件</translation>
    </message>
    <message>
        <source>{path} is not valid against {schema} (line {line}: {reason})</source>
        <translation>{path} 不符合 {schema}（第 {line} 行：{reason}）</translation>
    </message>
    <message>
        <source>the package has no signature ({file} is missing)</source>
        <translation>数据包没有签名（缺少 {file}）</translation>
    </message>
    <message>
        <source>the signature over {file} does not verify ({reason})</source>
        <translation>{file} 的签名验证失败（{reason}）</translation>
    </message>
    <message>
        <source>{file} is not the key that made the signature</source>
        <translation>{file} 不是生成该签名的公钥</translation>
    </message>
    <message>
        <source>bag-info.txt names key {stated}, but the package is signed with {actual}</source>
        <translation>bag-info.txt 记载的公钥为 {stated}，但数据包由 {actual} 签名</translation>
    </message>
    <message>
        <source>the package is signed with key {actual}, not with the trusted key {trusted}</source>
        <translation>数据包由公钥 {actual} 签名，而非受信任的公钥 {trusted}</translation>
    </message>
    <message>
        <source>{path} is missing</source>
        <translation>缺少 {path}</translation>
    </message>
    <message>
        <source>the package states piece numbers {stated} but holds {held} (missing: {missing}; not stated: {extra})</source>
        <translation>包内声明的件号为 {stated}，实际包含 {held}（缺少：{missing}；未声明：{extra}）</translation>
    </message>
    <message>
        <source>the folder {code} is not listed in {catalogue}</source>
        <translation>文件夹 {code} 未列在 {catalogue} 中</translation>
    </message>
    <message>
        <source>{key} in {document} says {stated}; the package holds {actual}</source>
        <translation>{document} 中的{key}为 {stated}；包内实际为 {actual}</translation>
    </message>
    <message>
        <source>{path} is outside any item folder</source>
        <translation>{path} 不在任何件的文件夹内</translation>
    </message>
    <message>
        <source>{code} has {count} folders in the package (one is expected)</source>
        <translation>{code} 在数据包中有 {count} 个文件夹（应为一个）</translation>
    </message>
    <message>
        <source>Payload-Digest-SHA256 in bag-info.txt is {stated}; the payload&apos;s is {actual}</source>
        <translation>bag-info.txt 中的 Payload-Digest-SHA256 为 {stated}，载荷实际为 {actual}</translation>
    </message>
    <message>
        <source>{path} (the item&apos;s metadata) is missing</source>
        <translation>缺少 {path}（该件的元数据）</translation>
    </message>
    <message>
        <source>{path} describes {other}, not {code}</source>
        <translation>{path} 描述的是 {other}，而非 {code}</translation>
    </message>
    <message>
        <source>{path} is described in the metadata but missing</source>
        <translation>{path} 在元数据中有描述，但文件缺失</translation>
    </message>
    <message>
        <source>{path}: size or digest differs from the item&apos;s metadata</source>
        <translation>{path}：大小或摘要与该件元数据不符</translation>
    </message>
    <message>
        <source>{path} is in the item&apos;s folder but not in its metadata</source>
        <translation>{path} 在该件文件夹中，但未列入其元数据</translation>
    </message>
    <message>
        <source>{path}: its content is not a format on the archival whitelist</source>
        <translation>{path}：按内容识别的格式不在归档格式白名单内</translation>
    </message>
    <message>
        <source>{path}: the content is {found} but the name says .{ext}</source>
        <translation>{path}：内容为 {found}，但扩展名为 .{ext}</translation>
    </message>
    <message>
        <source>{count} audit event(s) do not match their recorded hash</source>
        <translation>{count} 条审计事件与其记录的哈希值不符</translation>
    </message>
    <message>
        <source>{key} on the registration form says {stated}; the package has {actual}</source>
        <translation>登记表中{key}为 {stated}，数据包实际为 {actual}</translation>
    </message>
    <message>
        <source>{path} does not run from {start} to {head} as bag-info.txt states</source>
        <translation>{path} 的起止与 bag-info.txt 所述（{start} 至 {head}）不符</translation>
    </message>
    <message>
        <source>work-log {noun} #{seq} ({id}) does not match its hash: its text, links or review were changed after it was recorded</source>
        <translation>工作日志{noun} #{seq}（{id}）与其哈希值不符：记录后其内容、关联条目或审核被改动</translation>
    </message>
    <message>
        <source>{path} has no chain element</source>
        <translation>{path} 缺少 chain 元素</translation>
    </message>
    <message>
        <source>the work log&apos;s {noun} chain breaks at #{seq}</source>
        <translation>工作日志的 {noun} 链在 #{seq} 处断开</translation>
    </message>
    <message>
        <source>the work log&apos;s {noun} chain does not end at its stated head (links were removed from the end)</source>
        <translation>工作日志的 {noun} 链未止于其声明的链头（末尾的记录被删除）</translation>
    </message>
    <message>
        <source>The stored file {vault_path} cannot be read ({reason}); the export stopped. Run &apos;fieldarchive check&apos;.</source>
        <translation>无法读取库内文件 {vault_path}（{reason}）；导出已停止。请运行“fieldarchive check”。</translation>
    </message>
    <message>
        <source>The stored file {vault_path} (for {rel}) no longer matches its recorded SHA-256; the export stopped and nothing was handed over. Run &apos;fieldarchive check&apos;.</source>
        <translation>库内文件 {vault_path}（对应 {rel}）与记录的 SHA-256 不再一致；导出已停止，未移交任何内容。请运行“fieldarchive check”。</translation>
    </message>
    <message>
        <source>{target} holds other files; back up into an empty folder or into an earlier backup of this store.</source>
        <translation>{target} 中有其他文件；请备份到空文件夹，或本档案库以前的备份中。</translation>
    </message>
    <message>
        <source>{target} is the backup of another store; choose an empty folder.</source>
        <translation>{target} 是另一个档案库的备份；请选择一个空文件夹。</translation>
    </message>
    <message>
        <source>The backup was cancelled; the files copied so far are kept and the next backup goes on from there.</source>
        <translation>备份已取消；已复制的文件会保留，下次备份将从中断处继续。</translation>
    </message>
    <message>
        <source>{backup} is not a FieldArchive backup (it has no {info}).</source>
        <translation>{backup} 不是现场建档的备份（其中没有 {info}）。</translation>
    </message>
    <message>
        <source>{store} is not empty; restore into a new folder, so that nothing there is overwritten.</source>
        <translation>{store} 不是空的；请恢复到一个新文件夹，以免覆盖其中的内容。</translation>
    </message>
    <message>
        <source>A backup must lie outside the store, on another disk if possible; {target} and {store} overlap.</source>
        <translation>备份必须位于档案库之外，最好在另一块磁盘上；{target} 与 {store} 有重叠。</translation>
    </message>
    <message>
        <source>The disk holding {target} is full ({free} KiB free); the files copied so far are kept. Free some space or choose another disk, then run it again: it goes on where it stopped.</source>
        <translation>{target} 所在的磁盘已满（剩余 {free} KiB）；已复制的文件会保留。请腾出空间或换一块磁盘后再次运行：将从中断处继续。</translation>
    </message>
    <message>
        <source>Could not write to {target}: {reason}.</source>
        <translation>无法写入 {target}：{reason}。</translation>
    </message>
    <message>
        <source>The pieces of {group} have a gap or a duplicate; run &apos;fieldarchive check&apos; before filing more.</source>
        <translation>{group} 的件号有断号或重号；继续归档前请运行 &apos;fieldarchive check&apos;。</translation>
    </message>
    <message>
        <source>{items} not filed; nothing was changed.</source>
        <translation>{items} 尚未归档；未作任何修改。</translation>
    </message>
    <message>
        <source>Name at least one item.</source>
        <translation>请至少指定一件档案。</translation>
    </message>
    <message>
        <source>More than one item starts with {refs}; give more of the id or the archival code. Nothing was changed.</source>
        <translation>以 {refs} 开头的档案不止一件；请给出更长的编号或档号。未作任何修改。</translation>
    </message>
    <message>
        <source>There is no item {refs} in this incident or store; &apos;fieldarchive items&apos; lists them. Nothing was changed.</source>
        <translation>本事件或档案库中没有档案 {refs}；&apos;fieldarchive items&apos; 可列出档案。未作任何修改。</translation>
    </message>
    <message>
        <source>Item {item} is marked filed but its archival code is incomplete; run &apos;fieldarchive check&apos;.</source>
        <translation>档案 {item} 标为已归档，但档号不完整；请运行 &apos;fieldarchive check&apos;。</translation>
    </message>
    <message>
        <source>{items} already transferred and cannot change; nothing was changed. Add a work-log note about them instead.</source>
        <translation>{items} 已移交，不能修改；未作任何修改。请改为在工作日志中记录说明。</translation>
    </message>
    <message>
        <source>The search asks for {field}:{value}, which is not known; use one of: {choices}.</source>
        <translation>检索条件 {field}:{value} 无法识别；请使用以下之一：{choices}。</translation>
    </message>
    <message>
        <source>This store was written by an older FieldArchive and is open read-only, so it has no search index yet; open it once where it can be written (or copy it to a writable disk) to build the index.</source>
        <translation>此库由旧版 FieldArchive 写入，且以只读方式打开，尚无检索索引；请在可写入的位置打开一次（或复制到可写磁盘）以建立索引。</translation>
    </message>
    <message>
        <source>There is no item &apos;{ref}&apos; in this incident.</source>
        <translation>该事件中没有“{ref}”这一件。</translation>
    </message>
    <message>
        <source>Some of these items were transferred meanwhile by another export; nothing was handed over. Export again.</source>
        <translation>其中部分文件已被另一次导出移交；本次未移交任何内容，请重新导出。</translation>
    </message>
    <message>
        <source>There is no transfer batch &apos;{ref}&apos;.</source>
        <translation>没有“{ref}”这一移交批次。</translation>
    </message>
    <message>
        <source>items: {reason} Or: {excluded}.</source>
        <translation>items：{reason} 或者：{excluded}。</translation>
    </message>
    <message>
        <source>{path} does not exist; give a store folder, a package folder or a package ZIP.</source>
        <translation>{path} 不存在；请给出档案库文件夹、数据包文件夹或数据包 ZIP 文件。</translation>
    </message>
    <message>
        <source>{path} is neither a FieldArchive store nor a transfer package (a folder with bagit.txt, or a ZIP).</source>
        <translation>{path} 既不是现场建档档案库，也不是移交数据包（含 bagit.txt 的文件夹或 ZIP 文件）。</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not a file of the package (it is missing or damaged).</source>
        <translation>“{path}”不是该数据包中的文件（缺失或已损坏）。</translation>
    </message>
    <message>
        <source>The package {path} cannot be opened ({reason}).</source>
        <translation>无法打开数据包 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>Review one store at a time, or packages only; {path} is a store.</source>
        <translation>一次只能审阅一个档案库，或只审阅数据包；{path} 是档案库。</translation>
    </message>
    <message>
        <source>Decode check: {done}/{total}</source>
        <translation>解码检查：{done}/{total}</translation>
    </message>
    <message>
        <source>damaged: {path} ({reason})</source>
        <translation>已损坏：{path}（{reason}）</translation>
    </message>
    <message>
        <source>not decodable here: {path} ({reason})</source>
        <translation>本机无法解码：{path}（{reason}）</translation>
    </message>
    <message>
        <source>too large to decode: {path} ({reason})</source>
        <translation>过大无法解码：{path}（{reason}）</translation>
    </message>
    <message>
        <source>decoded reduced: {path} ({reason})</source>
        <translation>已缩小解码：{path}（{reason}）</translation>
    </message>
    <message>
        <source>cannot be read: {path} ({reason}); run &apos;fieldarchive check&apos;</source>
        <translation>无法读取：{path}（{reason}）；请运行 &apos;fieldarchive check&apos;</translation>
    </message>
    <message>
        <source>Decode check: {count} file(s) judged.</source>
        <translation>解码检查：已判定 {count} 个文件。</translation>
    </message>
    <message>
        <source>Decode check stopped: the remaining files are judged by &apos;fieldarchive decode&apos;, the desktop program, or pre-flight.</source>
        <translation>解码检查已停止：其余文件将由 &apos;fieldarchive decode&apos;、桌面程序或移交前检测判定。</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>transferred</source>
        <translation>已移交</translation>
    </message>
    <message>
        <source>being written</source>
        <translation>写入中</translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <source>&amp;New transfer…</source>
        <translation>新建移交(&amp;N)…</translation>
    </message>
    <message>
        <source>No incident selected.</source>
        <translation>未选择事件。</translation>
    </message>
    <message>
        <source>Transfers (移交) of {incident}: each batch is a signed BagIt package in the DA/T 93 layout, checked before it is written.</source>
        <translation>{incident} 的移交记录：每一批次均为按 DA/T 93 组织、经签名的 BagIt 数据包，写入前先行检测。</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>GB</source>
        <translation>GB</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
</context>
<context>
    <name>ExportWizard</name>
    <message>
        <source>Transfer to the archive</source>
        <translation>向档案馆移交</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Event (事由)</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Time (时间)</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place (地点)</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>People (人物)</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Background (背景)</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>Photographer (摄影者)</source>
        <translation>摄影者</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>题名</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>责任者</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Retention period</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <source>Security classification</source>
        <translation>密级</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>文字说明</translation>
    </message>
    <message>
        <source>Consent reference</source>
        <translation>授权同意书编号</translation>
    </message>
    <message>
        <source>Donor</source>
        <translation>捐赠者</translation>
    </message>
    <message>
        <source>Authorisation</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>Schedule category</source>
        <translation>归档类目</translation>
    </message>
    <message>
        <source>Archival code</source>
        <translation>档号</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>保存状况</translation>
    </message>
    <message>
        <source>Storage location</source>
        <translation>存放位置</translation>
    </message>
    <message>
        <source>Label number</source>
        <translation>标签号</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to FieldArchive</source>
        <translation>欢迎使用现场建档</translation>
    </message>
    <message>
        <source>Before you start: say who you are, and which incident you are archiving. Everything you record is signed with your name.</source>
        <translation>开始之前，请填写您的身份和要建档的事件。您记录的每一项内容都将署上您的姓名。</translation>
    </message>
    <message>
        <source>You (the operator)</source>
        <translation>您（操作人员）</translation>
    </message>
    <message>
        <source>The incident</source>
        <translation>事件</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Captured</source>
        <translation>采集</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Physical object recorded</source>
        <translation>登记实物</translation>
    </message>
    <message>
        <source>File stored: {name}</source>
        <translation>保存文件：{name}</translation>
    </message>
    <message>
        <source>SM3 digest added</source>
        <translation>补记 SM3 摘要</translation>
    </message>
    <message>
        <source>Linked to another item ({relation})</source>
        <translation>关联到另一件档案（{relation}）</translation>
    </message>
    <message>
        <source>Described: {fields}</source>
        <translation>著录：{fields}</translation>
    </message>
    <message>
        <source>Filed as {archival_code}</source>
        <translation>归档，档号 {archival_code}</translation>
    </message>
    <message>
        <source>Un-filed (was {archival_code}): {reason}</source>
        <translation>撤销归档（原档号 {archival_code}）：{reason}</translation>
    </message>
    <message>
        <source>Renumbered from {old} to {new}: {reason}</source>
        <translation>重新编号 {old} → {new}：{reason}</translation>
    </message>
    <message>
        <source>Marked not to be archived: {reason}</source>
        <translation>标为不归档：{reason}</translation>
    </message>
    <message>
        <source>Restored for archiving</source>
        <translation>恢复归档</translation>
    </message>
    <message>
        <source>on request</source>
        <translation>应要求</translation>
    </message>
    <message>
        <source>its year or retention changed</source>
        <translation>年度或保管期限已改变</translation>
    </message>
    <message>
        <source>a required field was emptied</source>
        <translation>必填项被清空</translation>
    </message>
    <message>
        <source>marked not to be archived</source>
        <translation>标为不归档</translation>
    </message>
    <message>
        <source>the fonds or organisation code changed</source>
        <translation>全宗号或机构代码已改变</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Entry history</source>
        <translation>记录历史</translation>
    </message>
    <message numerus="yes">
        <source>Entry #{number}: %n versions</source>
        <translation>
            <numerusform>第 #{number} 条记录：共 %n 个版本</numerusform>
        </translation>
    </message>
    <message>
        <source>Original, #{seq}</source>
        <translation>原文，#{seq}</translation>
    </message>
    <message>
        <source>Correction {n}, #{seq}</source>
        <translation>第 {n} 次更正，#{seq}</translation>
    </message>
    <message>
        <source>current text</source>
        <translation>现行内容</translation>
    </message>
    <message>
        <source>{time} by {who}, {unit}</source>
        <translation>{time}，{who}，{unit}</translation>
    </message>
    <message>
        <source>Occurred</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>记录于</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>事件阶段</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参加人员</translation>
    </message>
    <message>
        <source>Linked items</source>
        <translation>关联条目</translation>
    </message>
    <message>
        <source>Reason for the correction</source>
        <translation>更正理由</translation>
    </message>
    <message>
        <source>{reviewer}, {time}</source>
        <translation>{reviewer}，{time}</translation>
    </message>
    <message>
        <source>{reviewer}, {time}: {opinion}</source>
        <translation>{reviewer}，{time}：{opinion}</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>History (审计事件)</source>
        <translation>过程记录（审计事件）</translation>
    </message>
    <message>
        <source>The audit events of these items go into the package. Earlier values of the fields you tick go out as digests only.</source>
        <translation>这些条目的审计事件将放入数据包。勾选字段的旧值只以数字摘要形式导出。</translation>
    </message>
    <message>
        <source>{events} audit event(s) of these items go into the package; {changes} of them change a field.</source>
        <translation>这些条目的 {events} 条审计事件将放入数据包，其中 {changes} 条修改了字段。</translation>
    </message>
    <message>
        <source>{events} audit event(s) of these items go into the package; none changes a field.</source>
        <translation>这些条目的 {events} 条审计事件将放入数据包，没有修改字段的事件。</translation>
    </message>
    <message>
        <source>Replace &amp;all changed values by their digests</source>
        <translation>将所有修改过的值替换为数字摘要(&amp;A)</translation>
    </message>
    <message>
        <source>Field (tick: earlier values as digests)</source>
        <translation>字段（勾选：旧值以摘要导出）</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改次数</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>条目数</translation>
    </message>
    <message>
        <source>A digest (SHA-256) proves the value without showing it, and the audit chain still verifies; a short value from a known list can still be guessed from its digest.</source>
        <translation>数字摘要（SHA-256）可证明原值而不显示原值，审计链仍可验证；但取自已知列表的短值仍可能由摘要推测出来。</translation>
    </message>
</context>
<context>
    <name>ImportPanel</name>
    <message>
        <source>Add files to import</source>
        <translation>添加要导入的文件</translation>
    </message>
    <message>
        <source>Add a folder to import (a camera card, a phone)</source>
        <translation>添加要导入的文件夹（相机存储卡、手机）</translation>
    </message>
    <message>
        <source>{count} more waiting; they are imported when this import ends.</source>
        <translation>另有 {count} 项在等待，本次导入结束后接着导入。</translation>
    </message>
    <message>
        <source>Choose or create an incident first; then press Import now.</source>
        <translation>请先选择或新建一个事件，然后点“立即导入”。</translation>
    </message>
    <message>
        <source>Then press Import now.</source>
        <translation>然后点“立即导入”。</translation>
    </message>
    <message>
        <source>Looking at the files…</source>
        <translation>正在查看文件…</translation>
    </message>
    <message>
        <source>Cancelling… files still being copied are dropped, finished files are kept.</source>
        <translation>正在取消……正在复制的文件将被放弃，已完成的文件会保留。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Import cancelled: {count} files were not imported; every file that finished is kept.</source>
        <translation>导入已取消：{count} 个文件未导入；已完成的文件全部保留。</translation>
    </message>
    <message>
        <source>Import finished.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <source>Import stopped.</source>
        <translation>导入已中止。</translation>
    </message>
    <message>
        <source>Imported: {imported}   Duplicates: {duplicates}   Failed: {failed}</source>
        <translation>已导入：{imported}   重复：{duplicates}   失败：{failed}</translation>
    </message>
    <message>
        <source>Add fil&amp;es…</source>
        <translation>添加文件(&amp;E)…</translation>
    </message>
    <message>
        <source>Add fo&amp;lder…</source>
        <translation>添加文件夹(&amp;L)…</translation>
    </message>
    <message>
        <source>Import no&amp;w</source>
        <translation>立即导入(&amp;W)</translation>
    </message>
    <message>
        <source>or drop files and folders anywhere on the window</source>
        <translation>也可以把文件或文件夹拖放到窗口的任意位置</translation>
    </message>
    <message>
        <source>Where the files come from</source>
        <translation>文件来源</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Not stored, or stored with a warnin&amp;g:</source>
        <translation>未保存或带警告保存的文件(&amp;G)：</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
</context>
<context>
    <name>ImportResults</name>
    <message>
        <source>empty file (0 bytes), nothing to keep</source>
        <translation>空文件（0 字节），没有可保存的内容</translation>
    </message>
    <message>
        <source>not a format that is taken (photo, sound, video, document)</source>
        <translation>不是可接收的格式（照片、录音、录像、文书）</translation>
    </message>
    <message>
        <source>damaged or cut short, it cannot be read</source>
        <translation>文件已损坏或不完整，无法读取</translation>
    </message>
    <message>
        <source>too large to open safely</source>
        <translation>文件过大，无法安全打开</translation>
    </message>
    <message>
        <source>cannot be read (a faulty card or disk?)</source>
        <translation>无法读取（存储卡或磁盘故障？）</translation>
    </message>
    <message>
        <source>not a photo</source>
        <translation>不是照片</translation>
    </message>
    <message>
        <source>not found (moved or removed?)</source>
        <translation>找不到文件（已移动或删除？）</translation>
    </message>
    <message>
        <source>not stored: the disk is full</source>
        <translation>未保存：磁盘已满</translation>
    </message>
    <message>
        <source>no permission to read it</source>
        <translation>没有读取权限</translation>
    </message>
    <message>
        <source>unexpected error; nothing of it was stored</source>
        <translation>意外错误；该文件的任何部分都没有保存</translation>
    </message>
    <message>
        <source>already in this incident, not stored again</source>
        <translation>本事件中已有此文件，不再重复保存</translation>
    </message>
    <message>
        <source>not imported: the import was cancelled</source>
        <translation>未导入：导入已取消</translation>
    </message>
    <message>
        <source>imported, with a warning</source>
        <translation>已导入，但有警告</translation>
    </message>
    <message>
        <source>could not be imported</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <source>left out: plain text, not an archival format (add it by name)</source>
        <translation>未导入：纯文本，不是归档格式（可单独添加）</translation>
    </message>
    <message>
        <source>left out: the archive store itself</source>
        <translation>已跳过：档案库本身</translation>
    </message>
    <message>
        <source>left out: a system folder</source>
        <translation>已跳过：系统文件夹</translation>
    </message>
    <message>
        <source>left out: a hidden file or folder</source>
        <translation>已跳过：隐藏的文件或文件夹</translation>
    </message>
    <message>
        <source>left out: a link to a folder (give the folder itself)</source>
        <translation>已跳过：指向文件夹的链接（请直接选择该文件夹）</translation>
    </message>
    <message>
        <source>left out: an operating-system file, not part of the material</source>
        <translation>已跳过：操作系统文件，不属于材料</translation>
    </message>
</context>
<context>
    <name>IncidentEditDialog</name>
    <message>
        <source>Incident details</source>
        <translation>事件信息</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Participating units</source>
        <translation>参与单位</translation>
    </message>
    <message>
        <source>Fonds code (全宗号)</source>
        <translation>全宗号</translation>
    </message>
    <message>
        <source>Fonds name (全宗名称)</source>
        <translation>全宗名称</translation>
    </message>
    <message>
        <source>Organisation code (机构代码)</source>
        <translation>机构（问题）代码</translation>
    </message>
    <message>
        <source>separated by 、 or commas</source>
        <translation>以“、”或逗号分隔</translation>
    </message>
    <message>
        <source>A new fonds code or organisation code takes the archival codes of filed items away; they are filed again under the new code. Every change is recorded.</source>
        <translation>更改全宗号或机构代码会撤销已归档材料的档号，须按新代码重新归档。每项更改都有记录。</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <source>Incident na&amp;me:</source>
        <translation>事件名称(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>事件类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>事件级别(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Start time:</source>
        <translation>发生时间(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Fonds code:</source>
        <translation>全宗号(&amp;F)：</translation>
    </message>
    <message>
        <source>Num&amp;ber:</source>
        <translation>事件编号(&amp;B)：</translation>
    </message>
    <message>
        <source>Pla&amp;ce:</source>
        <translation>地点(&amp;C)：</translation>
    </message>
    <message>
        <source>e.g. 2025年某旗7.1级地震</source>
        <translation>例如：2025年某旗7.1级地震</translation>
    </message>
    <message>
        <source>e.g. Z109</source>
        <translation>例如：Z109</translation>
    </message>
    <message>
        <source>The fonds (全宗) the incident is filed under; it begins every 档号.</source>
        <translation>事件归入的全宗；全宗号是每个档号的第一部分。</translation>
    </message>
    <message>
        <source>optional, e.g. EQ2025-01</source>
        <translation>可选，例如：EQ2025-01</translation>
    </message>
    <message>
        <source>e.g. 内蒙古某旗</source>
        <translation>例如：内蒙古某旗</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>Enter the incident&apos;s name.</source>
        <translation>请填写事件名称。</translation>
    </message>
    <message>
        <source>Choose the kind of incident.</source>
        <translation>请选择事件类型。</translation>
    </message>
    <message>
        <source>Choose the incident&apos;s level.</source>
        <translation>请选择事件级别。</translation>
    </message>
    <message>
        <source>The start time is in the future; check the date.</source>
        <translation>发生时间晚于当前时间，请检查日期。</translation>
    </message>
    <message>
        <source>Enter the fonds code in letters and digits, e.g. Z109.</source>
        <translation>请用字母和数字填写全宗号，例如：Z109。</translation>
    </message>
</context>
<context>
    <name>IncidentTableModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Log entries</source>
        <translation>日志条数</translation>
    </message>
    <message>
        <source>Filing deadline</source>
        <translation>归档期限</translation>
    </message>
    <message>
        <source>{entries} ({corrections} corrected)</source>
        <translation>{entries}（其中 {corrections} 条已更正）</translation>
    </message>
    <message>
        <source>1 day overdue</source>
        <translation>已逾期 1 天</translation>
    </message>
    <message>
        <source>{days} days overdue</source>
        <translation>已逾期 {days} 天</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>1 day left</source>
        <translation>还剩 1 天</translation>
    </message>
    <message>
        <source>{days} days left</source>
        <translation>还剩 {days} 天</translation>
    </message>
    <message>
        <source>The response has not ended; filing is due six months after it ends.</source>
        <translation>应急处置尚未结束；归档须在处置结束后六个月内完成。</translation>
    </message>
    <message>
        <source>Filing is due on {deadline}, six months after the response ended on {date}.</source>
        <translation>应急处置于 {date} 结束，归档须在六个月内、即 {deadline} 前完成。</translation>
    </message>
</context>
<context>
    <name>IntegrityPanel</name>
    <message>
        <source>Verifying the packages: {percent}%…</source>
        <translation>正在检测数据包：{percent}%…</translation>
    </message>
    <message>
        <source>Verifying file {done} of {total}…</source>
        <translation>正在核对第 {done} 个文件，共 {total} 个…</translation>
    </message>
    <message>
        <source>Damaged: {what}</source>
        <translation>损坏：{what}</translation>
    </message>
    <message>
        <source>&amp;Run integrity check</source>
        <translation>运行完整性检查(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>The check could not finish: {reason}</source>
        <translation>检查未能完成：{reason}</translation>
    </message>
    <message>
        <source>Runs verify on each package: manifests and digests, the signature, the audit chain, the work log and the four-property checks (DA/T 70). Nothing is written.</source>
        <translation>对每个数据包运行检测：清单与数字摘要、电子签名、审计链、工作日志及四性检测（DA/T 70）。不写入任何内容。</translation>
    </message>
    <message>
        <source>Recomputes the SHA-256 and SM3 of every stored file and verifies the audit chain and the work-log chains. Nothing is written.</source>
        <translation>重新计算每个已存文件的 SHA-256 和 SM3，并核验审计链和工作日志链。不写入任何内容。</translation>
    </message>
    <message>
        <source>The check was cancelled; run it again for a result.</source>
        <translation>检查已取消；请重新运行以得到结果。</translation>
    </message>
    <message>
        <source>Passed: {count} package(s) verified, {files} files.</source>
        <translation>通过：已检测 {count} 个数据包，{files} 个文件。</translation>
    </message>
    <message>
        <source>{count} warning(s).</source>
        <translation>{count} 个警告。</translation>
    </message>
    <message>
        <source>{count} problem(s) found in the packages ({files} files verified).</source>
        <translation>数据包中发现 {count} 个问题（已检测 {files} 个文件）。</translation>
    </message>
    <message>
        <source>Passed: {files} files and {events} audit events verified.</source>
        <translation>通过：已核对 {files} 个文件和 {events} 个审计事件。</translation>
    </message>
    <message>
        <source>{count} problem(s) found ({files} files, {events} audit events verified).</source>
        <translation>发现 {count} 个问题（已核对 {files} 个文件、{events} 个审计事件）。</translation>
    </message>
</context>
<context>
    <name>ItemEditorDialog</name>
    <message>
        <source>Marked not to be archived: {reason}</source>
        <translation>已标记为不归档：{reason}</translation>
    </message>
    <message>
        <source>Still lacks: {fields}</source>
        <translation>尚缺：{fields}</translation>
    </message>
    <message>
        <source>The description is complete.</source>
        <translation>著录已完整。</translation>
    </message>
    <message>
        <source>Composed caption: {text}</source>
        <translation>合成的文字说明：{text}</translation>
    </message>
    <message>
        <source>Set by the schedule category</source>
        <translation>由归档类目确定</translation>
    </message>
    <message>
        <source>Describe the item</source>
        <translation>著录</translation>
    </message>
    <message>
        <source>Retention (保管期限)</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>著录项</translation>
    </message>
    <message>
        <source>Photo caption</source>
        <translation>照片说明</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>管理项</translation>
    </message>
    <message>
        <source>Physical object</source>
        <translation>实物</translation>
    </message>
    <message>
        <source>Technical</source>
        <translation>技术参数</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>The six elements of a photo caption; the grey prompts are what the item already records. The caption (文字说明) is composed from the elements until you write it yourself.</source>
        <translation>照片文字说明的六要素；灰色提示是该件已记录的信息。在您亲自撰写文字说明之前，它由六要素自动合成。</translation>
    </message>
    <message>
        <source>Fill in what is known</source>
        <translation>填入已知信息</translation>
    </message>
    <message>
        <source>Copy the date, place, people and photographer already recorded into the empty elements</source>
        <translation>将已记录的日期、地点、人物和摄影者填入空白要素</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>revision {n}</source>
        <translation>第 {n} 版</translation>
    </message>
</context>
<context>
    <name>ItemHistoryDialog</name>
    <message>
        <source>Item history</source>
        <translation>条目历史</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>revision {n}</source>
        <translation>第 {n} 版</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>No changes.</source>
        <translation>没有修改记录。</translation>
    </message>
    <message>
        <source>Stored files</source>
        <translation>存储的文件</translation>
    </message>
</context>
<context>
    <name>ItemPreview</name>
    <message>
        <source>Decoding the photo…</source>
        <translation>正在解码照片…</translation>
    </message>
    <message>
        <source>Copying the document for the viewer…</source>
        <translation>正在复制文件供查看…</translation>
    </message>
    <message>
        <source>Opened a copy: {path}</source>
        <translation>已打开副本：{path}</translation>
    </message>
    <message>
        <source>No viewer for this file; a copy is at {path}</source>
        <translation>没有可打开此文件的程序；副本位于 {path}</translation>
    </message>
    <message>
        <source>{width} × {height} pixels</source>
        <translation>{width} × {height} 像素</translation>
    </message>
    <message>
        <source>A physical object: its record is below; its photos are items of their own, linked to it.</source>
        <translation>实物：其登记信息见下方；实物照片是与之关联的单独条目。</translation>
    </message>
    <message>
        <source>No preview for this kind of item.</source>
        <translation>此类材料无法预览。</translation>
    </message>
    <message>
        <source>Select an item to see it here.</source>
        <translation>选择一件材料即可在此预览。</translation>
    </message>
    <message>
        <source>Zoom in (+ or the wheel)</source>
        <translation>放大（+ 或滚轮）</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>缩小（-）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <source>Fit the photo in the pane (0)</source>
        <translation>使照片适合窗格（0）</translation>
    </message>
    <message>
        <source>Open in the system viewer</source>
        <translation>用系统程序打开</translation>
    </message>
    <message>
        <source>Documents open in the program your system uses for them, from a copy in your cache folder; the stored original is never opened for writing.</source>
        <translation>文件从缓存文件夹中的副本用系统默认程序打开；库中原件绝不以写方式打开。</translation>
    </message>
    <message>
        <source>Place: {place}</source>
        <translation>地点：{place}</translation>
    </message>
    <message>
        <source>Still lacks: {fields}</source>
        <translation>尚缺：{fields}</translation>
    </message>
    <message>
        <source>The description is complete.</source>
        <translation>著录已完整。</translation>
    </message>
</context>
<context>
    <name>JobProgressDialog</name>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>LibraryBrowser</name>
    <message>
        <source>The item found is hidden by the filters; clear them to see it in the list.</source>
        <translation>找到的条目被筛选条件隐藏；清除筛选条件后即可在列表中看到它。</translation>
    </message>
    <message>
        <source>No incident selected.</source>
        <translation>未选择事件。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>{shown} of {matching} items loaded · {total} in the incident · {lacking} still lack a description · {filed} filed · {selected} selected</source>
        <translation>已载入 {shown}/{matching} 件 · 本事件共 {total} 件 · {lacking} 件著录不完整 · 已归档 {filed} 件 · 已选 {selected} 件</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>缩略图</translation>
    </message>
    <message>
        <source>Show the items as a grid of pictures</source>
        <translation>以缩略图网格显示</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Show the items as a table</source>
        <translation>以表格显示</translation>
    </message>
</context>
<context>
    <name>LibraryFilterBar</name>
    <message>
        <source>Any recorder</source>
        <translation>全部责任者</translation>
    </message>
    <message>
        <source>Any schedule category</source>
        <translation>全部归档类目</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Any phase</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Complete or not</source>
        <translation>著录完整与否</translation>
    </message>
    <message>
        <source>Description incomplete</source>
        <translation>著录不完整</translation>
    </message>
    <message>
        <source>Description complete</source>
        <translation>著录完整</translation>
    </message>
    <message>
        <source>Not to be archived</source>
        <translation>不归档</translation>
    </message>
    <message>
        <source>By date</source>
        <translation>按日期</translation>
    </message>
    <message>
        <source>By time stored</source>
        <translation>按入库时间</translation>
    </message>
    <message>
        <source>By title</source>
        <translation>按题名</translation>
    </message>
    <message>
        <source>By archival code</source>
        <translation>按档号</translation>
    </message>
    <message>
        <source>By kind</source>
        <translation>按类型</translation>
    </message>
    <message>
        <source>By state</source>
        <translation>按状态</translation>
    </message>
    <message>
        <source>Newest / last first</source>
        <translation>倒序</translation>
    </message>
    <message>
        <source>Dated</source>
        <translation>日期范围</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>From this day</source>
        <translation>起始日</translation>
    </message>
    <message>
        <source>To this day (included)</source>
        <translation>截止日（含）</translation>
    </message>
</context>
<context>
    <name>LibraryItemModel</name>
    <message>
        <source>Title</source>
        <translation>题名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>责任者</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Archival code</source>
        <translation>档号</translation>
    </message>
    <message>
        <source>Still lacks</source>
        <translation>尚缺</translation>
    </message>
    <message>
        <source>Not to be archived</source>
        <translation>不归档</translation>
    </message>
    <message>
        <source>Place: {place}</source>
        <translation>地点：{place}</translation>
    </message>
    <message>
        <source>Still lacks: {fields}</source>
        <translation>尚缺：{fields}</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <source>Not to be archived</source>
        <translation>不归档</translation>
    </message>
    <message>
        <source>Why are these {count} items not to be archived (a test shot, a blurred duplicate)? They stay in the store and can be restored.</source>
        <translation>这 {count} 件为什么不归档（试拍、模糊的重复照片）？它们仍保留在库中，可以恢复。</translation>
    </message>
    <message>
        <source>Un-file</source>
        <translation>撤销归档</translation>
    </message>
    <message>
        <source>Take the archival codes of {count} items away? Their groups are renumbered without gaps.</source>
        <translation>撤销 {count} 件的档号？所在组将重新连续编号。</translation>
    </message>
    <message>
        <source>{count} items filed.</source>
        <translation>已归档 {count} 件。</translation>
    </message>
    <message>
        <source>{count} cannot be filed yet: {items}</source>
        <translation>{count} 件暂不能归档：{items}</translation>
    </message>
    <message>
        <source>{count} items un-filed; {renumbered} renumbered.</source>
        <translation>已撤销归档 {count} 件；重新编号 {renumbered} 件。</translation>
    </message>
    <message>
        <source>{count} items marked not to be archived.</source>
        <translation>已将 {count} 件标记为不归档。</translation>
    </message>
    <message>
        <source>{count} items restored for archiving.</source>
        <translation>已恢复 {count} 件待归档。</translation>
    </message>
    <message>
        <source>Describe…</source>
        <translation>著录…</translation>
    </message>
    <message>
        <source>Describe the selected item, or several at once (F2; double-click opens one)</source>
        <translation>著录所选的一件或批量著录多件（F2；双击打开一件）</translation>
    </message>
    <message>
        <source>Not to be archived…</source>
        <translation>不归档…</translation>
    </message>
    <message>
        <source>Mark the selected items not to be archived (不归档), with a reason</source>
        <translation>将所选材料标记为不归档，并说明理由</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Take the selected items back for archiving</source>
        <translation>将所选材料恢复为待归档</translation>
    </message>
    <message>
        <source>File</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Give the selected complete, classified items their archival codes (归档)</source>
        <translation>为所选著录完整、已归类的材料编制档号（归档）</translation>
    </message>
    <message>
        <source>Un-file…</source>
        <translation>撤销归档…</translation>
    </message>
    <message>
        <source>Take the archival codes of the selected items away</source>
        <translation>撤销所选材料的档号</translation>
    </message>
</context>
<context>
    <name>LibrarySearch</name>
    <message>
        <source>Work log no. {seq}</source>
        <translation>工作日志第 {seq} 条</translation>
    </message>
    <message>
        <source>Work-log entry</source>
        <translation>工作日志条目</translation>
    </message>
    <message>
        <source>Archival code: {code}</source>
        <translation>档号：{code}</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>未找到结果。</translation>
    </message>
    <message>
        <source>Search titles, descriptions, people, places, keywords, file names, archival codes and the work log (Ctrl+F)</source>
        <translation>检索题名、描述、人物、地点、关键词、文件名、档号和工作日志（Ctrl+F）</translation>
    </message>
    <message>
        <source>Words of any length (水, 转移, G6高速), &quot;an exact phrase&quot;, field:value (title:, place:, people:, code:) and phase: or kind: filters. Esc clears.</source>
        <translation>任意长度的词（水、转移、G6高速）、&quot;精确短语&quot;、字段:值（title:、place:、people:、code:）以及 phase: 或 kind: 筛选。按 Esc 清除。</translation>
    </message>
    <message>
        <source>Best matches first. Enter or a click shows an item in the library or a log entry in the work log; a double-click opens the item&apos;s editor.</source>
        <translation>最佳匹配在前。按回车或单击可在档案浏览中显示条目、在工作日志中显示日志条目；双击打开条目的编辑器。</translation>
    </message>
</context>
<context>
    <name>LinkPicker</name>
    <message>
        <source>{title} ({file})</source>
        <translation>{title}（{file}）</translation>
    </message>
    <message>
        <source>{kind} {name} · stored {time}</source>
        <translation>{kind} {name} · 保存于 {time}</translation>
    </message>
</context>
<context>
    <name>LogFilterBar</name>
    <message>
        <source>All recorders</source>
        <translation>全部记录人</translation>
    </message>
    <message>
        <source>All phases</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Any review state</source>
        <translation>全部审核状态</translation>
    </message>
    <message>
        <source>&amp;Dates</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>Only entries that occurred on these days</source>
        <translation>只显示发生在这些日期内的记录</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>LogJobs</name>
    <message>
        <source>Reading the work log…</source>
        <translation>正在读取工作日志…</translation>
    </message>
    <message>
        <source>Writing the XML file…</source>
        <translation>正在写入 XML 文件…</translation>
    </message>
    <message>
        <source>Laying out the PDF pages…</source>
        <translation>正在排版 PDF 页面…</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
</context>
<context>
    <name>LogTimelineModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>工作内容</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>关联条目</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>事件阶段</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>[corrected]</source>
        <translation>〔已更正〕</translation>
    </message>
    <message>
        <source>Corrected ({count} versions); the reason: {reason}. Double-click for the history.</source>
        <translation>已更正（共 {count} 个版本），理由：{reason}。双击查看历史。</translation>
    </message>
    <message>
        <source>Place: {place}</source>
        <translation>地点：{place}</translation>
    </message>
    <message>
        <source>Participants: {names}</source>
        <translation>参加人员：{names}</translation>
    </message>
    <message>
        <source>Occurred {occurred}; recorded {recorded}</source>
        <translation>发生于 {occurred}；记录于 {recorded}</translation>
    </message>
    <message>
        <source>Linked item (loading…)</source>
        <translation>关联条目（正在读取…）</translation>
    </message>
    <message>
        <source>Linked item {id} is not in this store</source>
        <translation>关联条目 {id} 不在本库中</translation>
    </message>
    <message>
        <source>{status} by {reviewer}, {time}</source>
        <translation>{status}，审核人 {reviewer}，{time}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>FieldArchive</source>
        <translation>现场建档</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New incident…</source>
        <translation>新建事件(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open store…</source>
        <translation>打开档案库(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Review a store or package folder (read-only)…</source>
        <translation>只读审阅档案库或数据包文件夹(&amp;R)…</translation>
    </message>
    <message>
        <source>Review package &amp;ZIP files (read-only)…</source>
        <translation>只读审阅数据包 ZIP 文件(&amp;Z)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Operators…</source>
        <translation>操作人员(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About FieldArchive</source>
        <translation>关于现场建档(&amp;A)</translation>
    </message>
    <message>
        <source>Audit &amp;head to write down…</source>
        <translation>需抄录的审计链头(&amp;H)…</translation>
    </message>
    <message>
        <source>Store: {path}</source>
        <translation>档案库：{path}</translation>
    </message>
    <message>
        <source>No operator set</source>
        <translation>未设置操作人员</translation>
    </message>
    <message>
        <source>Operator: {name} ({role}, {unit})</source>
        <translation>操作人员：{name}（{role}，{unit}）</translation>
    </message>
    <message>
        <source>read-only view</source>
        <translation>只读视图</translation>
    </message>
    <message>
        <source>⚠ Not backed up yet: copy the store to another disk (fieldarchive backup)</source>
        <translation>⚠ 尚未备份：请把档案库复制到另一块磁盘（fieldarchive backup）</translation>
    </message>
    <message numerus="yes">
        <source>⚠ Last backup %n day(s) ago: copy the store to another disk (fieldarchive backup)</source>
        <translation>
            <numerusform>⚠ 上次备份在 %n 天前：请把档案库复制到另一块磁盘（fieldarchive backup）</numerusform>
        </translation>
    </message>
    <message>
        <source>About FieldArchive</source>
        <translation>关于现场建档</translation>
    </message>
    <message>
        <source>FieldArchive (现场建档) {version}

Offline capture, work log, description and transfer of major-incident archives.</source>
        <translation>现场建档 FieldArchive {version}

重特大事件档案的离线采集、工作日志、著录与移交。</translation>
    </message>
    <message>
        <source>Audit head</source>
        <translation>审计链头</translation>
    </message>
    <message>
        <source>Write this down or photograph it, outside this laptop. Later, &apos;fieldarchive check --store STORE --head {head}&apos; shows whether anything recorded up to now was changed, removed or rolled back.</source>
        <translation>请把它抄下或拍照，保存在本机之外。以后运行“fieldarchive check --store 档案库 --head {head}”，即可查明到此为止的记录是否被改动、删除或回滚。</translation>
    </message>
    <message>
        <source>Open store</source>
        <translation>打开档案库</translation>
    </message>
    <message>
        <source>Review a store (read-only)</source>
        <translation>只读审阅档案库</translation>
    </message>
    <message>
        <source>Review package ZIP files (read-only)</source>
        <translation>只读审阅数据包 ZIP 文件</translation>
    </message>
    <message>
        <source>Transfer packages (*.zip)</source>
        <translation>移交数据包 (*.zip)</translation>
    </message>
</context>
<context>
    <name>MediaPlayerWidget</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Position: drag, or use the arrow keys</source>
        <translation>播放位置：拖动或用方向键</translation>
    </message>
</context>
<context>
    <name>MicrophonePanel</name>
    <message>
        <source>Choose an incident first; nothing was recorded.</source>
        <translation>请先选择事件；没有录制任何内容。</translation>
    </message>
    <message>
        <source>No microphone is available; connect one and choose it above.</source>
        <translation>没有可用的麦克风；请连接麦克风并在上方选择。</translation>
    </message>
    <message>
        <source>Recording did not start: {reason}</source>
        <translation>录音未能开始：{reason}</translation>
    </message>
    <message>
        <source>Recording from {device}.</source>
        <translation>正在从 {device} 录音。</translation>
    </message>
    <message>
        <source>{level} dBFS</source>
        <translation>{level} dBFS</translation>
    </message>
    <message>
        <source>Sound is arriving again.</source>
        <translation>声音已恢复。</translation>
    </message>
    <message>
        <source>The microphone delivers too little sound: {received} s in {wall} s of recording. Check the device, or stop and record again.</source>
        <translation>麦克风送来的声音太少：录音 {wall} 秒只收到 {received} 秒。请检查设备，或停止后重新录制。</translation>
    </message>
    <message>
        <source>Nothing was recorded, so nothing was stored.</source>
        <translation>没有录到任何声音，因此没有保存。</translation>
    </message>
    <message>
        <source>The microphone stopped giving sound (disconnected?). The {seconds} s recorded before that are being stored.</source>
        <translation>麦克风不再传来声音（已断开？）。之前录到的 {seconds} 秒正在保存。</translation>
    </message>
    <message>
        <source>The recording failed: {reason}</source>
        <translation>录音失败：{reason}</translation>
    </message>
    <message>
        <source>Recording stored: {name} ({seconds} s, loudest {peak} dBFS).</source>
        <translation>录音已保存：{name}（{seconds} 秒，最大电平 {peak} dBFS）。</translation>
    </message>
    <message>
        <source>It holds {seconds} s of sound for {wall} s of recording: the microphone delivered too little.</source>
        <translation>录音时长 {wall} 秒，但只有 {seconds} 秒声音：麦克风送来的声音不足。</translation>
    </message>
    <message>
        <source>It was cut short: {reason}; what was recorded is kept.</source>
        <translation>录音提前结束：{reason}；已录制的内容已保留。</translation>
    </message>
    <message>
        <source>The recording was not stored: {reason} It is kept aside; press Store again when the cause is fixed.</source>
        <translation>录音未能保存：{reason} 录音已暂存；排除原因后请点“重新保存”。</translation>
    </message>
    <message>
        <source>Choose an incident first.</source>
        <translation>请先选择事件。</translation>
    </message>
    <message>
        <source>Resu&amp;me</source>
        <translation>继续(&amp;M)</translation>
    </message>
    <message>
        <source>P&amp;ause</source>
        <translation>暂停(&amp;A)</translation>
    </message>
    <message>
        <source>● Recording</source>
        <translation>● 正在录音</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Not recording</source>
        <translation>未在录音</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>麦克风(&amp;D)：</translation>
    </message>
    <message>
        <source>Rec&amp;ord</source>
        <translation>开始录音(&amp;O)</translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation>停止(&amp;P)</translation>
    </message>
    <message>
        <source>Also make an MP&amp;3 access copy</source>
        <translation>同时生成 MP3 利用副本(&amp;3)</translation>
    </message>
    <message>
        <source>Store a&amp;gain</source>
        <translation>重新保存(&amp;G)</translation>
    </message>
    <message>
        <source>Oral history (DA/T 59)</source>
        <translation>口述史料（DA/T 59）</translation>
    </message>
    <message>
        <source>Recorded in this session:</source>
        <translation>本次录音：</translation>
    </message>
</context>
<context>
    <name>NewIncidentDialog</name>
    <message>
        <source>New incident</source>
        <translation>新建事件</translation>
    </message>
</context>
<context>
    <name>OperatorForm</name>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>单位(&amp;U)：</translation>
    </message>
    <message>
        <source>P&amp;osition:</source>
        <translation>职务(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>Repea&amp;t passphrase:</source>
        <translation>再次输入口令(&amp;T)：</translation>
    </message>
    <message>
        <source>e.g. 张伟</source>
        <translation>例如：张伟</translation>
    </message>
    <message>
        <source>e.g. 自治区档案馆</source>
        <translation>例如：自治区档案馆</translation>
    </message>
    <message>
        <source>e.g. archivist on site</source>
        <translation>例如：现场档案员</translation>
    </message>
    <message>
        <source>at least {n} characters</source>
        <translation>至少 {n} 个字符</translation>
    </message>
    <message>
        <source>Reviewers and supervisors confirm their sign-offs with a passphrase.</source>
        <translation>审核人和监督检查人用口令确认其审核签署。</translation>
    </message>
    <message>
        <source>Enter the operator&apos;s name.</source>
        <translation>请填写操作人员姓名。</translation>
    </message>
    <message>
        <source>Enter the operator&apos;s unit (the organisation they work for).</source>
        <translation>请填写操作人员所在单位。</translation>
    </message>
    <message>
        <source>A reviewer or supervisor needs a passphrase of at least {n} characters.</source>
        <translation>审核人或监督检查人需要设置至少 {n} 个字符的口令。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>OperatorTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <source>Operators</source>
        <translation>操作人员</translation>
    </message>
    <message>
        <source>&amp;Add operator…</source>
        <translation>添加操作人员(&amp;A)…</translation>
    </message>
    <message>
        <source>Make &amp;default</source>
        <translation>设为默认(&amp;D)</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>No incident selected.</source>
        <translation>未选择事件。</translation>
    </message>
    <message>
        <source>Current incident: {name}</source>
        <translation>当前事件：{name}</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>采集</translation>
    </message>
    <message>
        <source>Work log</source>
        <translation>工作日志</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>档案浏览</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>移交导出</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Confirm with passphrase</source>
        <translation>以口令确认</translation>
    </message>
    <message>
        <source>{name} acts with authority: enter their passphrase to continue.</source>
        <translation>{name} 具有审核或监督权限：请输入其口令以继续。</translation>
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>PersonText</name>
    <message>
        <source>, </source>
        <comment>between a person&apos;s role, position and unit</comment>
        <translation>，</translation>
    </message>
    <message>
        <source>{name} ({details})</source>
        <translation>{name}（{details}）</translation>
    </message>
</context>
<context>
    <name>PhysicalForm</name>
    <message>
        <source>Photos of the object</source>
        <translation>实物照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.tif *.tiff *.heic *.heif *.png *.dng *.cr2 *.nef *.arw)</source>
        <translation>照片 (*.jpg *.jpeg *.tif *.tiff *.heic *.heif *.png *.dng *.cr2 *.nef *.arw)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>camera photo {n}</source>
        <translation>相机照片 {n}</translation>
    </message>
    <message>
        <source>Choose an incident first; nothing was stored.</source>
        <translation>请先选择事件；没有保存任何内容。</translation>
    </message>
    <message>
        <source>Give the object a title (题名) first.</source>
        <translation>请先填写实物的题名。</translation>
    </message>
    <message>
        <source>Storing the object and its photos…</source>
        <translation>正在保存实物及其照片…</translation>
    </message>
    <message>
        <source>Object stored: {title}, {count} photos linked.</source>
        <translation>实物已保存：{title}，关联照片 {count} 张。</translation>
    </message>
    <message>
        <source>These photos were not stored: {reasons}</source>
        <translation>以下照片未能保存：{reasons}</translation>
    </message>
    <message>
        <source>The object was not stored: {reason}</source>
        <translation>实物未能保存：{reason}</translation>
    </message>
    <message>
        <source>Tit&amp;le: *</source>
        <translation>题名(&amp;L)： *</translation>
    </message>
    <message>
        <source>Descri&amp;ption:</source>
        <translation>描述(&amp;P)：</translation>
    </message>
    <message>
        <source>Di&amp;mensions:</source>
        <translation>尺寸(&amp;M)：</translation>
    </message>
    <message>
        <source>Cond&amp;ition:</source>
        <translation>保存状况(&amp;I)：</translation>
    </message>
    <message>
        <source>Stora&amp;ge location:</source>
        <translation>存放位置(&amp;G)：</translation>
    </message>
    <message>
        <source>Label num&amp;ber:</source>
        <translation>标签编号(&amp;B)：</translation>
    </message>
    <message>
        <source>e.g. the rescue team&apos;s flag</source>
        <translation>例如：救援队队旗</translation>
    </message>
    <message>
        <source>e.g. 120 × 80 cm</source>
        <translation>例如：120 × 80 厘米</translation>
    </message>
    <message>
        <source>e.g. torn at one corner, dry</source>
        <translation>例如：一角撕裂，干燥</translation>
    </message>
    <message>
        <source>e.g. store room 2, shelf B-3</source>
        <translation>例如：2号库房，B-3架</translation>
    </message>
    <message>
        <source>number on the label or QR code</source>
        <translation>标签或二维码上的编号</translation>
    </message>
    <message>
        <source>&amp;Add photo files…</source>
        <translation>添加照片文件(&amp;A)…</translation>
    </message>
    <message>
        <source>Take with &amp;camera</source>
        <translation>用相机拍摄(&amp;C)</translation>
    </message>
    <message>
        <source>R&amp;emove</source>
        <translation>移除(&amp;E)</translation>
    </message>
    <message>
        <source>Where the object comes from</source>
        <translation>实物来源</translation>
    </message>
    <message>
        <source>Store this ob&amp;ject</source>
        <translation>保存此实物(&amp;J)</translation>
    </message>
</context>
<context>
    <name>PreflightPage</name>
    <message>
        <source>Running the four-property check…</source>
        <translation>正在进行四性检测…</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>BLOCKS</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>{count} problem(s)</source>
        <translation>{count} 个问题</translation>
    </message>
    <message>
        <source>{count} required check(s) fail: open each item to fix it; the check runs again after each save.</source>
        <translation>{count} 项必检项目未通过：请逐件打开条目修改，每次保存后自动重新检测。</translation>
    </message>
    <message>
        <source>Every required check passes; {count} warning(s) need a reason to go ahead.</source>
        <translation>必检项目全部通过；{count} 项警告需填写继续的理由。</translation>
    </message>
    <message>
        <source>Every check passes.</source>
        <translation>全部检测通过。</translation>
    </message>
    <message>
        <source>{count} item(s) classified 秘密 or higher are left out; they go only in a separate classified batch.</source>
        <translation>{count} 件密级为秘密及以上的文件未列入；它们只能单独组成涉密批次。</translation>
    </message>
    <message>
        <source>{count} item(s) not classified are left out of this classified batch.</source>
        <translation>{count} 件非涉密文件未列入本涉密批次。</translation>
    </message>
    <message>
        <source>&amp;Fix…</source>
        <translation>修改(&amp;F)…</translation>
    </message>
    <message>
        <source>Open this item in the metadata editor; the check runs again after you save</source>
        <translation>在元数据编辑器中打开此条目；保存后自动重新检测</translation>
    </message>
    <message>
        <source>Pre-flight check (四性检测)</source>
        <translation>移交前检测（四性检测）</translation>
    </message>
    <message>
        <source>The four-property check of DA/T 70-2018 on every item.</source>
        <translation>按 DA/T 70-2018 对每一件进行四性检测。</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检测项目</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>&amp;Reason for accepting the warnings:</source>
        <translation>接受警告的理由(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>ProvenanceForm</name>
    <message>
        <source>{channel}: please fill in “{field}”.</source>
        <translation>{channel}：请填写“{field}”。</translation>
    </message>
    <message>
        <source>Write the handover date as year-month-day, e.g. 2025-07-23.</source>
        <translation>移交日期请按“年-月-日”填写，例如 2025-07-23。</translation>
    </message>
    <message>
        <source>So&amp;urce channel:</source>
        <translation>来源渠道(&amp;U)：</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>e.g. 2025-07-23</source>
        <translation>例如 2025-07-23</translation>
    </message>
    <message>
        <source>number of the signed consent form</source>
        <translation>签署的授权书编号</translation>
    </message>
    <message>
        <source>Media &amp;organisation:</source>
        <translation>移交单位(&amp;O)：</translation>
    </message>
    <message>
        <source>Handover &amp;date:</source>
        <translation>移交日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Document &amp;number:</source>
        <translation>移交文号(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Narrator:</source>
        <translation>口述者(&amp;N)：</translation>
    </message>
    <message>
        <source>Inter&amp;viewer:</source>
        <translation>采集者(&amp;V)：</translation>
    </message>
    <message>
        <source>Uni&amp;t:</source>
        <translation>采集单位(&amp;T)：</translation>
    </message>
    <message>
        <source>Consent &amp;reference:</source>
        <translation>授权书编号(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Donor:</source>
        <translation>捐赠者(&amp;D)：</translation>
    </message>
    <message>
        <source>Con&amp;tact:</source>
        <translation>联系方式(&amp;T)：</translation>
    </message>
    <message>
        <source>Autho&amp;risation:</source>
        <translation>授权说明(&amp;R)：</translation>
    </message>
    <message>
        <source>Cop&amp;yright note:</source>
        <translation>版权信息(&amp;Y)：</translation>
    </message>
    <message>
        <source>Ope&amp;n status:</source>
        <translation>开放状态(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QuickEntryDialog</name>
    <message>
        <source>No default operator: add one under Settings ▸ Operators.</source>
        <translation>没有默认操作人员：请在“设置 ▸ 操作人员”中添加。</translation>
    </message>
    <message>
        <source>Recorder: {name}</source>
        <translation>记录人：{name}</translation>
    </message>
    <message>
        <source>New work-log entry</source>
        <translation>新建工作日志</translation>
    </message>
    <message>
        <source>New work-log entry — {incident}</source>
        <translation>新建工作日志 — {incident}</translation>
    </message>
    <message>
        <source>Select an incident first; nothing was saved.</source>
        <translation>请先选择事件；未保存任何内容。</translation>
    </message>
    <message>
        <source>Write what was done first; nothing was saved.</source>
        <translation>请先写明做了什么；未保存任何内容。</translation>
    </message>
    <message>
        <source>Nothing was saved; correct the time, or confirm it.</source>
        <translation>未保存任何内容；请改正时间，或确认该时间。</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <source>Start the entry with “{text}” ({category})</source>
        <translation>以“{text}”开头（{category}）</translation>
    </message>
    <message>
        <source>What was done? e.g. Arrived at block 3; photographing the damaged houses</source>
        <translation>做了什么？例如：到达三号街区，拍摄受损房屋</translation>
    </message>
    <message>
        <source>Enter saves · Shift+Enter starts a new line · Esc closes (the draft is kept)</source>
        <translation>Enter 保存 · Shift+Enter 换行 · Esc 关闭（草稿保留）</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>时间(&amp;T)</translation>
    </message>
    <message>
        <source>When it happened; filled in with the time this box was opened</source>
        <translation>发生时间；默认为打开此窗口的时间</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>C&amp;ategory</source>
        <translation>类别(&amp;A)</translation>
    </message>
    <message>
        <source>As the previous entry</source>
        <translation>同上一条</translation>
    </message>
    <message>
        <source>&amp;More: phase, place, participants</source>
        <translation>更多：阶段、地点、参加人员(&amp;M)</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>事件阶段</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参加人员</translation>
    </message>
    <message>
        <source>Where, e.g. block 3</source>
        <translation>地点，例如：三号街区</translation>
    </message>
    <message>
        <source>Who took part</source>
        <translation>参加人员，例如：王五、赵六</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Link to items (tick none, one or several)</source>
        <translation>关联条目(&amp;L)（可不选，也可选一个或多个）</translation>
    </message>
</context>
<context>
    <name>RenderDialog</name>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>XML file (*.xml)</source>
        <translation>XML 文件 (*.xml)</translation>
    </message>
    <message>
        <source>Save the work log as</source>
        <translation>工作日志另存为</translation>
    </message>
    <message>
        <source>Choose where to save the file.</source>
        <translation>请选择文件保存位置。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>Saving the work log</source>
        <translation>正在保存工作日志</translation>
    </message>
    <message>
        <source>The file was not written: {reason}</source>
        <translation>文件未写入：{reason}</translation>
    </message>
    <message>
        <source>Save the work log as PDF or XML</source>
        <translation>将工作日志保存为 PDF 或 XML</translation>
    </message>
    <message>
        <source>The whole log</source>
        <translation>全部日志</translation>
    </message>
    <message>
        <source>Operational period {period}</source>
        <translation>作业期 {period}</translation>
    </message>
    <message>
        <source>PDF (to read and print)</source>
        <translation>PDF（阅读和打印）</translation>
    </message>
    <message>
        <source>XML (the source, verifiable)</source>
        <translation>XML（原始数据，可校验）</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>作业期(&amp;P)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <source>Save review report</source>
        <translation>保存审阅报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>&amp;Inspector:</source>
        <translation>审阅人(&amp;I)：</translation>
    </message>
    <message>
        <source>your name and unit</source>
        <translation>姓名和单位</translation>
    </message>
    <message>
        <source>&amp;Findings:</source>
        <translation>审阅意见(&amp;F)：</translation>
    </message>
    <message>
        <source>What you inspected and what you found; it goes into the report as written.</source>
        <translation>审阅了什么、发现了什么；将按原文写入报告。</translation>
    </message>
    <message>
        <source>&amp;Save review report (PDF)…</source>
        <translation>保存审阅报告（PDF）(&amp;S)…</translation>
    </message>
    <message>
        <source>Saved {path}
SHA-256: {digest}</source>
        <translation>已保存 {path}
SHA-256：{digest}</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>No operator may review: add one with the reviewer role under Settings ▸ Operators.</source>
        <translation>没有可以审核的操作人员：请在“设置 ▸ 操作人员”中添加一名审核人。</translation>
    </message>
    <message>
        <source>Enter {name}&apos;s passphrase.</source>
        <translation>请输入 {name} 的口令。</translation>
    </message>
    <message>
        <source>Returning needs comments saying what to correct; nothing was stored.</source>
        <translation>退回修改须填写审核意见，说明需要改正什么；未保存任何内容。</translation>
    </message>
    <message>
        <source>{name} recorded entry {numbers}; an entry must be reviewed by someone else. Nothing was stored.</source>
        <translation>{name} 是记录 {numbers} 的记录人；记录须由他人审核。未保存任何内容。</translation>
    </message>
    <message>
        <source>Wrong passphrase for {name}; nothing was stored.</source>
        <translation>{name} 的口令不正确；未保存任何内容。</translation>
    </message>
    <message>
        <source>Nothing was stored: {reason}</source>
        <translation>未保存任何内容：{reason}</translation>
    </message>
    <message>
        <source>Review work-log entries</source>
        <translation>审核工作日志</translation>
    </message>
    <message numerus="yes">
        <source>Review %n entries: {numbers}. The reviewer confirms with their passphrase; nobody reviews their own entries.</source>
        <translation>
            <numerusform>审核 %n 条记录：{numbers}。审核人以口令确认；任何人不得审核自己的记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Reviewer</source>
        <translation>审核人(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>口令(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Opinion</source>
        <translation>审核意见(&amp;O)</translation>
    </message>
    <message>
        <source>Optional when approving; required when returning</source>
        <translation>通过时可不填；退回修改时必填</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>通过(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;turn with comments</source>
        <translation>退回修改(&amp;T)</translation>
    </message>
</context>
<context>
    <name>ReviewItemsModel</name>
    <message>
        <source>Archival code</source>
        <translation>档号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>题名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件数</translation>
    </message>
    <message>
        <source>SHA-256 (original)</source>
        <translation>SHA-256（原件）</translation>
    </message>
    <message>
        <source>Integrity</source>
        <translation>完整性</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>{count} problem(s)</source>
        <translation>{count} 个问题</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>read beside the program that has it open</source>
        <translation>与正在使用它的程序并行读取</translation>
    </message>
    <message>
        <source>read in place from read-only media</source>
        <translation>在只读介质上原位读取</translation>
    </message>
    <message>
        <source>read in place; no program has it open</source>
        <translation>原位读取，当前没有程序打开它</translation>
    </message>
    <message>
        <source>read from a snapshot copy</source>
        <translation>从快照副本读取</translation>
    </message>
    <message>
        <source>written by a newer version</source>
        <translation>由较新版本写入</translation>
    </message>
    <message>
        <source>Read-only review: {path}</source>
        <translation>只读审阅：{path}</translation>
    </message>
    <message>
        <source>{count} transfer package(s): {names} (read from their own files). Nothing here can change them.</source>
        <translation>{count} 个移交数据包：{names}（从数据包自身文件读取）。此处不能更改它们。</translation>
    </message>
    <message>
        <source>Damage found while reading: {count} place(s), listed under Integrity.</source>
        <translation>读取时发现 {count} 处损坏，详见“完整性”页。</translation>
    </message>
    <message>
        <source>{path} ({how}). Nothing here can change it.</source>
        <translation>{path}（{how}）。此处任何操作都不会改变它。</translation>
    </message>
    <message>
        <source>&amp;Incident:</source>
        <translation>事件(&amp;I)：</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>This store has no incidents.</source>
        <translation>此存储库中没有事件。</translation>
    </message>
    <message>
        <source>{items} items · {entries} log entries</source>
        <translation>{items} 件 · {entries} 条工作日志</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>档案浏览</translation>
    </message>
    <message>
        <source>Work log</source>
        <translation>工作日志</translation>
    </message>
    <message>
        <source>Items and integrity</source>
        <translation>条目与完整性</translation>
    </message>
    <message>
        <source>Integrity</source>
        <translation>完整性</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>审阅报告</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Opening the reviewer&apos;s key…</source>
        <translation>正在开启审核人的密钥…</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>正在写入数据包…</translation>
    </message>
    <message>
        <source>Transferred {items} item(s), {gb} GB, batch {number}.</source>
        <translation>已移交 {items} 件，{gb} GB，第 {number} 批。</translation>
    </message>
    <message>
        <source>Registration form: {path}</source>
        <translation>登记表：{path}</translation>
    </message>
    <message>
        <source>Key fingerprint (write it on the signed form): {fp}</source>
        <translation>公钥指纹（请填写在签字的登记表上）：{fp}</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>The package is written under a temporary name and appears only when it is complete.</source>
        <translation>数据包先以临时名称写入，全部完成后才会出现。</translation>
    </message>
</context>
<context>
    <name>ScheduleWindow</name>
    <message>
        <source>Every category needs a key and a Chinese name.</source>
        <translation>每个类目都需要代码和中文名称。</translation>
    </message>
    <message>
        <source>Add a reviewer (Settings ▸ Operators) to approve the schedule.</source>
        <translation>请先添加审核人（设置 ▸ 操作人员）再批准保管期限表。</translation>
    </message>
    <message>
        <source>Saved: version {version}, {status}.</source>
        <translation>已保存：第 {version} 版，{status}。</translation>
    </message>
    <message>
        <source>Print the schedule to PDF</source>
        <translation>将保管期限表输出为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message>
        <source>Printed to {path}</source>
        <translation>已输出到 {path}</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>draft, not approved</source>
        <translation>草稿，未批准</translation>
    </message>
    <message>
        <source>Retention schedule</source>
        <translation>归档范围和档案保管期限表</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Category (中文)</source>
        <translation>类目（中文）</translation>
    </message>
    <message>
        <source>Category (English)</source>
        <translation>类目（英文）</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <source>Edit as a new version</source>
        <translation>编辑为新版本</translation>
    </message>
    <message>
        <source>Add category</source>
        <translation>添加类目</translation>
    </message>
    <message>
        <source>Remove category</source>
        <translation>删除类目</translation>
    </message>
    <message>
        <source>Save as a new version</source>
        <translation>保存为新版本</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Print to PDF…</source>
        <translation>输出 PDF…</translation>
    </message>
    <message>
        <source>Approve the latest version</source>
        <translation>批准最新版本</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Approval document</source>
        <translation>批准文件</translation>
    </message>
    <message>
        <source>e.g. 内档发〔2025〕12号</source>
        <translation>如：内档发〔2025〕12号</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>{name}, version {version}: {status}</source>
        <translation>{name}，第 {version} 版：{status}</translation>
    </message>
    <message>
        <source>({reference}, by {approver}, {time})</source>
        <translation>（{reference}，{approver}，{time}）</translation>
    </message>
</context>
<context>
    <name>ScopePage</name>
    <message>
        <source>Target folder</source>
        <translation>目标文件夹</translation>
    </message>
    <message>
        <source>The target folder does not exist.</source>
        <translation>目标文件夹不存在。</translation>
    </message>
    <message>
        <source>The carrier size is not a size (e.g. 4.7G, 700M).</source>
        <translation>载体容量格式不正确（例如 4.7G、700M）。</translation>
    </message>
    <message>
        <source>Scope and carrier</source>
        <translation>范围与载体</translation>
    </message>
    <message>
        <source>Transfer filed items of {incident} to the archive.</source>
        <translation>将 {incident} 的已归档文件移交档案馆。</translation>
    </message>
    <message>
        <source>&amp;All filed items not yet transferred</source>
        <translation>全部尚未移交的已归档文件(&amp;A)</translation>
    </message>
    <message>
        <source>A separate &amp;classified batch (秘密 and above)</source>
        <translation>单独的涉密批次（秘密及以上）(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Target folder:</source>
        <translation>目标文件夹(&amp;T)：</translation>
    </message>
    <message>
        <source>Carrier t&amp;ype:</source>
        <translation>载体类型(&amp;Y)：</translation>
    </message>
    <message>
        <source>Carrier &amp;number:</source>
        <translation>载体编号(&amp;N)：</translation>
    </message>
    <message>
        <source>Carrier s&amp;ize (optional):</source>
        <translation>载体容量（可选）(&amp;I)：</translation>
    </message>
    <message>
        <source>e.g. 4.7G; larger batches are split</source>
        <translation>例如 4.7G；超出时分为多个数据包</translation>
    </message>
    <message>
        <source>One &amp;ZIP file per package (stored, not compressed)</source>
        <translation>每个数据包一个 ZIP 文件（存储方式，不压缩）(&amp;Z)</translation>
    </message>
</context>
<context>
    <name>TimeCheck</name>
    <message>
        <source>The time {time} is {hours} hours before entry #{seq} ({other}), the entry recorded before it.</source>
        <translation>时间 {time} 比前一条记录 #{seq}（{other}）早 {hours} 小时。</translation>
    </message>
    <message>
        <source>The time {time} is {hours} hours after entry #{seq} ({other}), the entry recorded after it.</source>
        <translation>时间 {time} 比后一条记录 #{seq}（{other}）晚 {hours} 小时。</translation>
    </message>
    <message>
        <source>{doubt} Record the entry with this time anyway?</source>
        <translation>{doubt}仍按此时间记录吗？</translation>
    </message>
    <message>
        <source>The time {time} is in the future (it is now {now}). Record the entry with this time anyway?</source>
        <translation>时间 {time} 晚于当前时间（现在是 {now}）。仍按此时间记录吗？</translation>
    </message>
    <message>
        <source>The time {time} is before the incident started ({start}). Record the entry with this time anyway?</source>
        <translation>时间 {time} 早于事件开始时间（{start}）。仍按此时间记录吗？</translation>
    </message>
    <message>
        <source>Check the time</source>
        <translation>请核对时间</translation>
    </message>
</context>
<context>
    <name>VideoTakes</name>
    <message>
        <source>Recording without sound: {reason}</source>
        <translation>录像不带声音：{reason}</translation>
    </message>
    <message>
        <source>The recording failed: {reason}</source>
        <translation>录制失败：{reason}</translation>
    </message>
    <message>
        <source>Choose an incident, then press Store again.</source>
        <translation>请选择事件，然后点“重新保存”。</translation>
    </message>
    <message>
        <source>Storing the video…</source>
        <translation>正在保存录像…</translation>
    </message>
    <message>
        <source>Video stored: {name} ({seconds} s).</source>
        <translation>录像已保存：{name}（{seconds} 秒）。</translation>
    </message>
    <message>
        <source>It was cut short: {reason}; what was recorded is kept.</source>
        <translation>录制提前结束：{reason}；已录制的内容已保留。</translation>
    </message>
    <message>
        <source>The video was not stored: {reason} It is kept aside; press Store again when the cause is fixed.</source>
        <translation>录像未能保存：{reason} 录像已暂存；排除原因后请点“重新保存”。</translation>
    </message>
</context>
<context>
    <name>WorkLogPage</name>
    <message>
        <source>The filters hid the entry found; they were cleared to show it.</source>
        <translation>筛选条件隐藏了找到的日志条目，已清除筛选以显示它。</translation>
    </message>
    <message>
        <source>The entry found is not in this incident&apos;s work log.</source>
        <translation>找到的条目不在本事件的工作日志中。</translation>
    </message>
    <message>
        <source>The log could not be read: {reason}</source>
        <translation>无法读取日志：{reason}</translation>
    </message>
    <message>
        <source>No incident selected.</source>
        <translation>未选择事件。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No entries: the first date is after the last; swap them.</source>
        <translation>没有日志：起始日期晚于结束日期，请对调。</translation>
    </message>
    <message>
        <source>{matching} of {total} entries match the filters</source>
        <translation>符合筛选 {matching} 条 / 共 {total} 条</translation>
    </message>
    <message>
        <source>{total} entries</source>
        <translation>共 {total} 条</translation>
    </message>
    <message>
        <source>Entry #{seq} saved.</source>
        <translation>第 #{seq} 条已保存。</translation>
    </message>
    <message>
        <source>Entry #{old} corrected as #{new}.</source>
        <translation>第 #{old} 条已更正为 #{new}。</translation>
    </message>
    <message numerus="yes">
        <source>%n entries approved.</source>
        <translation>
            <numerusform>已通过 %n 条记录。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries returned with comments.</source>
        <translation>
            <numerusform>已退回修改 %n 条记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved {path} ({pages} pages).</source>
        <translation>已保存 {path}（共 {pages} 页）。</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
    <message>
        <source>&amp;New entry…</source>
        <translation>新建记录(&amp;N)…</translation>
    </message>
    <message>
        <source>Write a work-log entry ({key}), from anywhere in the program</source>
        <translation>写一条工作日志（{key}），在程序任何位置都可用</translation>
    </message>
    <message>
        <source>&amp;Correct…</source>
        <translation>更正(&amp;C)…</translation>
    </message>
    <message>
        <source>Correct the selected entry; the original stays in its history</source>
        <translation>更正所选记录；原文保留在历史中</translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation>审核(&amp;R)…</translation>
    </message>
    <message>
        <source>Approve or return the selected entries (reviewer&apos;s passphrase)</source>
        <translation>通过或退回所选记录（需审核人口令）</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>历史(&amp;H)…</translation>
    </message>
    <message>
        <source>The original and every correction of the selected entry</source>
        <translation>所选记录的原文及每次更正</translation>
    </message>
    <message>
        <source>Save as &amp;PDF or XML…</source>
        <translation>保存为 PDF 或 XML(&amp;P)…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>&amp;Work log</source>
        <translation>工作日志(&amp;W)</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>Cancelled; nothing half-done was kept.</source>
        <translation>已取消；没有保留任何未完成的内容。</translation>
    </message>
</context>
</TS>
