//! Every user-visible string, in Simplified Chinese and English. Screens ask for a `Key`; nothing
//! user-visible is written inline anywhere else. `{n}`-style placeholders are filled by `fill`.

use serde::{Deserialize, Serialize};

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Chinese when the OS locale starts with `zh`, English otherwise.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The OS locale's language.
    pub fn from_os() -> Lang {
        Lang::from_locale(sys_locale::get_locale().as_deref())
    }

    /// The text of `key` in this language.
    pub fn t(self, key: Key) -> &'static str {
        match self {
            Lang::Zh => key.zh(),
            Lang::En => key.en(),
        }
    }

    /// Between the items of a list in a sentence (full-width in Chinese only).
    pub fn list_separator(self) -> &'static str {
        match self {
            Lang::Zh => "；",
            Lang::En => "; ",
        }
    }

    /// Between names in a run (周婷、刘洋 / 周婷, 刘洋).
    pub fn name_separator(self) -> &'static str {
        match self {
            Lang::Zh => "、",
            Lang::En => ", ",
        }
    }

    /// Between a label and its value (full-width in Chinese only).
    pub fn label_colon(self) -> &'static str {
        match self {
            Lang::Zh => "：",
            Lang::En => ": ",
        }
    }
}

/// Replaces `{name}` placeholders: `fill("共 {n} 位", &[("n", "3")])`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        let placeholder = format!("{{{name}}}");
        if *value == "1" {
            out = singular_after(&out, &placeholder);
        }
        out = out.replace(&placeholder, value);
    }
    out
}

/// English templates count in the plural ("{n} customers"); where the count is 1 the word right
/// after it loses its s ("1 customer"). Chinese has no plural and is left alone.
fn singular_after(text: &str, placeholder: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(placeholder) {
        let (head, tail) = rest.split_at(at + placeholder.len());
        out.push_str(head);
        rest = tail;
        let Some(word_and_more) = rest.strip_prefix(' ') else {
            continue;
        };
        let len = word_and_more
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(word_and_more.len());
        let word = &word_and_more[..len];
        if word.len() > 2 && word.ends_with('s') && !word.ends_with("ss") {
            out.push(' ');
            out.push_str(&word[..len - 1]);
            rest = &word_and_more[len..];
        }
    }
    out.push_str(rest);
    out
}

macro_rules! strings {
    ($($key:ident => $zh:expr, $en:expr;)*) => {
        /// A user-visible string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key { $($key),* }

        impl Key {
            /// Every key (the tests check that none is empty in either language).
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
            /// Simplified Chinese.
            pub fn zh(self) -> &'static str { match self { $(Key::$key => $zh),* } }
            /// English.
            pub fn en(self) -> &'static str { match self { $(Key::$key => $en),* } }
        }
    };
}

strings! {
    AppName => "群主", "Qunzhu";
    NavCustomers => "客户", "Customers";
    NavImport => "导入", "Import";
    NavContent => "内容日历", "Content";
    CtHeading => "内容日历", "Content calendar";
    CtLegend => "○ 计划中　● 已就绪　√ 已发送（淡色）　× 已跳过（淡色）", "○ planned   ● ready   √ sent (faded)   × skipped (faded)";
    CtLegendOverdue => "红框：时间已过还没发", "Red border: its time has passed and it is not sent";
    NavKoc => "KOC", "KOC";
    NavHealth => "社群健康", "Group health";
    NavFollowups => "跟进", "Follow-ups";
    NavSettings => "设置", "Settings";

    Search => "搜索", "Search";
    SearchHint => "搜索姓名、备注、手机号、微信号、笔记… (Ctrl+F)", "Search names, remarks, phone, WeChat ID, notes… (Ctrl+F)";
    NewCustomer => "新建客户", "New customer";
    MatchCount => "共 {n} 位客户", "{n} customers";
    MatchCountOf => "{n} / {total} 位客户", "{n} of {total} customers";
    ColName => "姓名", "Name";
    ColRemark => "备注名", "Remark";
    ColTags => "标签", "Tags";
    ColStaff => "添加人", "Added by";
    ColAdded => "添加时间", "Added";
    ColLastContact => "最近联系", "Last contact";
    ColGroups => "所在群", "Groups";
    FilterTags => "标签筛选", "Tags";
    TagMatchAll => "全部满足", "All of";
    TagMatchAny => "任一满足", "Any of";
    FilterStaff => "添加人", "Added by";
    FilterGroup => "群", "Group";
    FilterAnyone => "全部", "Anyone";
    FilterAddedFrom => "添加于", "Added from";
    FilterAddedTo => "至", "to";
    FilterBatch => "仅第 {batch} 次导入的客户 ×", "Only import #{batch}'s customers ×";
    FilterBatchHint => "点一下显示全部客户", "Click to show every customer";
    ImportShowCustomers => "查看这次导入的客户", "Show the customers this import brought";
    FilterClear => "清除筛选", "Clear filters";
    FilterDateSet => "设置日期", "Set date";
    FilterDateClear => "不限", "Any";
    FirstRunTitle => "欢迎使用群主", "Welcome to Qunzhu";
    FirstRunBody => "客户、社群和内容都保存在这台电脑上的一个文件里，不联网也能用。从下面任选一种开始：", "Your customers, groups and content live in one file on this computer, online or not. Start in any of these ways:";
    FirstRunImport => "导入文件…", "Import a file…";
    FirstRunImportHint => "企业微信客户列表、有赞/淘宝/抖店订单、群统计、聊天记录导出的表格", "A WeCom customer list, 有赞/淘宝/抖店 orders, group statistics or a chat export";
    FirstRunDemo => "打开演示数据", "Open a demo book";
    FirstRunDemoHint => "2000 位虚构客户和一个月的内容，随便点点看；你的数据文件不受影响", "2,000 invented customers and a month of content to look around; your own data file is not touched";
    FirstRunAdd => "手动添加客户", "Add a customer by hand";
    FirstRunAddHint => "一位一位地录入", "Type them in one by one";
    FirstRunPathHint => "文件对话框打不开？把文件路径粘贴到这里：", "The file dialog does not open? Paste the file's path here:";
    FirstRunPathPlaceholder => "例如 D:\\下载\\客户列表.xlsx", "e.g. D:\\Downloads\\customers.xlsx";
    FirstRunOpenPath => "打开", "Open";
    ToastNoSuchFile => "找不到文件：{path}", "No such file: {path}";
    ToastDemoOpened => "已打开演示数据 {path}。重新启动群主即回到你自己的数据。", "Opened the demo book {path}. Restart Qunzhu to return to your own data.";
    WorkMakingDemo => "正在生成演示数据…", "Making the demo book…";
    WorkWritingReport => "正在生成周报…", "Writing the weekly report…";
    EmptyNoCustomers => "还没有客户。点“新建客户”手动添加，或到“导入”导入企业微信客户列表。", "No customers yet. Click “New customer”, or import a WeCom customer list under “Import”.";
    EmptyNoMatches => "没有符合条件的客户。", "No customers match.";
    SelectedCount => "已选 {n} 位", "{n} selected";
    BulkAddTag => "加到所选", "Add to selected";
    BulkRemoveTag => "从所选移除", "Remove from selected";
    BulkDelete => "删除所选", "Delete selected";
    BulkTagHint => "标签名", "Tag name";
    Apply => "应用", "Apply";
    Cancel => "取消", "Cancel";
    Close => "关闭", "Close";
    Save => "保存", "Save";
    Delete => "删除", "Delete";
    Edit => "编辑", "Edit";
    Undo => "撤销", "Undo";
    Add => "添加", "Add";
    SelectCustomerHint => "在左侧列表中选择一位客户查看详情。", "Select a customer to see the details.";

    DetailProfile => "资料", "Profile";
    FieldName => "昵称/姓名", "Name";
    FieldRemark => "备注名", "Remark name";
    FieldPhone => "手机号", "Phone";
    FieldWechat => "微信号", "WeChat ID";
    FieldGender => "性别", "Gender";
    FieldCorp => "企业", "Company";
    FieldCity => "城市", "City";
    FieldSource => "来源", "Source";
    FieldDescription => "描述", "Description";
    FieldExternalId => "外部联系人ID", "External user ID";
    FieldWxid => "wxid", "wxid";
    FieldGroupedTags => "标签（按标签组）", "Tags (by tag group)";
    FieldAdded => "添加时间", "Added";
    FieldStaff => "添加人", "Added by";
    FieldGroups => "所在群", "Groups";
    FieldCustom => "其他字段", "Other fields";
    GenderUnknown => "未知", "Unknown";
    GenderMale => "男", "Male";
    GenderFemale => "女", "Female";
    DetailTags => "标签", "Tags";
    TagAddLabel => "添加标签", "Add tag";
    BulkTagLabel => "批量标签", "Tag for selected";
    TagAddHint => "输入标签，回车添加", "Type a tag, Enter to add";
    TagGroupNone => "未分组", "No group";
    TagNewIn => "新建到分组", "Create in group";
    TagCreate => "新建标签“{name}”", "Create tag “{name}”";
    RemoveTag => "移除标签", "Remove tag";
    DetailNotes => "笔记", "Notes";
    NoteAddHint => "记录点什么…（Ctrl+Enter 保存）", "Write a note… (Ctrl+Enter to save)";
    NoteAdd => "添加笔记", "Add note";
    NoNotes => "还没有笔记。", "No notes yet.";
    NoteIdentity => "身份", "Identity";
    NotePurchase => "购买", "Purchase";
    NoteInquiry => "咨询", "Inquiry";
    NotePreference => "喜好", "Preference";
    NoteFollowup => "跟进", "Follow-up";
    NoteOther => "其他", "Other";
    DeleteCustomer => "删除客户", "Delete customer";
    NewCustomerDefaultName => "新客户", "New customer";

    ToastCustomerCreated => "已新建客户", "Customer created";
    ToastCustomerSaved => "已保存", "Saved";
    ToastCustomersDeleted => "已删除 {n} 位客户", "Deleted {n} customers";
    ToastNoteDeleted => "已删除笔记", "Note deleted";
    ToastTagAdded => "已为 {n} 位客户添加标签“{tag}”", "Added “{tag}” to {n} customers";
    ToastTagRemoved => "已从 {n} 位客户移除标签“{tag}”", "Removed “{tag}” from {n} customers";
    ToastUndone => "已撤销", "Undone";
    ToastError => "出错了：{msg}", "Something went wrong: {msg}";
    ToastReadFailed => "读取数据时出错（界面上可能缺少内容）：{msg}", "Reading the data failed (something may be missing on screen): {msg}";


    FieldStaffUserid => "添加人账号", "Staff account";
    FieldDepartment => "添加人部门", "Staff department";
    FieldTags => "标签", "Tags";
    ImportTitle => "导入客户、订单和群数据", "Import customers, orders and group data";
    ImportChoose => "选择文件…", "Choose a file…";
    ImportDropHint => "支持企业微信客户列表 (.xlsx)、Excel CSV（GBK 或 UTF-8）、Unicode 文本 (UTF-16)，以及订单导出、群统计和聊天记录。也可以把文件拖进窗口。", "WeCom customer lists (.xlsx), Excel CSV (GBK or UTF-8) and Unicode text (UTF-16), as well as order exports, group statistics and chat histories. You can also drop a file on the window.";
    ImportFile => "文件", "File";
    ImportFormat => "格式", "Format";
    ImportEncoding => "编码", "Encoding";
    ImportDelimiter => "分隔符", "Delimiter";
    ImportSheet => "工作表", "Sheet";
    ImportHeaderRow => "表头所在行", "Header row";
    ImportKind => "文件类型", "Kind of file";
    KindContacts => "客户列表", "Customer list";
    KindGroupStats => "群统计数据", "Group statistics";
    KindChat => "聊天记录", "Chat history";
    KindPurchases => "订单/购买记录", "Orders / purchases";
    KindUnknown => "无法识别", "Not recognised";
    ImportPurchasesNote => "这是订单导出文件：按 外部联系人ID → 手机号 → 微信号 → 唯一的姓名或备注名 找到客户。同一订单号（没有订单号时：同一客户、时间、金额和商品）不会重复导入；导入后重新计算已购关怀等跟进任务。", "This is an order export: each buyer is found by external user ID, then phone, then WeChat ID, then a name or remark name only one customer has. An order number already stored (without order numbers: the same customer, time, amount and items) is not imported twice; follow-ups such as after-purchase care are recalculated afterwards.";
    ImportPurchaseColumns => "识别到的列", "Columns found";
    PfDate => "下单时间", "Order time";
    PfAmount => "金额", "Amount";
    PfItems => "商品", "Items";
    PfOrderNo => "订单号", "Order number";
    PfDiscount => "优惠", "Discount";
    PfAddress => "收货地址", "Shipping address";
    PfStatus => "订单状态", "Order status";
    ImportPurchaseSummary => "{customers} 位客户新增购买记录，共 ¥{amount}；按客户ID匹配 {ext} 行，手机号 {phone} 行，微信号 {wechat} 行，姓名 {name} 行；新增跟进任务 {tasks} 个", "{customers} customers got purchases worth ¥{amount}; matched {ext} rows by customer ID, {phone} by phone, {wechat} by WeChat ID, {name} by name; {tasks} follow-up tasks created";
    ImportStatsNote => "这是{kind}文件：按群ID、再按群名称匹配群，找不到的群会新建；手工填写的日期不会被覆盖。", "This is a {kind} file: groups are matched by group ID, then by name, and missing ones are created; days entered by hand are never overwritten.";
    ImportChatNote => "这是{kind}文件：消息会存入所选的群，并按本地日期统计发言人数、消息数和进群人数。", "This is a {kind} file: its messages go into the chosen group, and speakers, messages and joins are counted per local day.";
    ImportChatGroup => "导入到群", "Into group";
    ImportChatNewGroup => "新建群：{name}", "New group: {name}";
    ImportHealthSummary => "新建群 {groups} 个；消息新增 {messages} 条，已有 {old} 条；新成员 {members} 位，关联客户 {linked} 位", "{groups} groups created; {messages} new messages, {old} already stored; {members} new members, {linked} linked to customers";
    ImportMapping => "列对应（第一行可修改）", "Column mapping (edit the first row)";
    ImportKeepCustom => "保留为自定义字段", "Keep as custom field";
    ImportEncodingUnsure => "编码是猜的（{name}），也可能是别的编码：请看下面的预览，若有乱码，请在「编码」中换一种再导入。", "The encoding is a guess ({name}) and could be another: check the preview below, and if it looks garbled, choose another encoding before importing.";
    ImportScanningConversations => "正在读取文件中的会话…", "Reading the conversations in the file…";
    ImportConversationsUnreadable => "读不出文件中的会话，无法导入。", "The conversations in the file cannot be read, so it cannot be imported.";
    ImportChooseConversations => "请至少勾选一个会话。", "Tick at least one conversation.";
    ImportConversations => "这个文件里有 {n} 个会话：勾选要导入的，每个会话导入到同名的群（没有就新建）。", "This file holds {n} conversations: tick the ones to import; each goes into the group of its name (created if missing).";
    ImportGroupChatSize => "群聊 · {messages} 条消息 · {senders} 位群友发言", "group chat · {messages} messages · {senders} members spoke";
    ImportPrivateChatSize => "私聊 · {messages} 条消息", "one-to-one chat · {messages} messages";
    ImportKindUnknown => "无法识别：请选择文件类型，再在下面逐列指定对应关系", "Not recognised: choose the kind of file, then say what each column holds below";
    ImportSkipColumn => "不导入", "Don't import";
    ImportKindHint => "识别错了？在这里选择文件类型，再在下面逐列指定对应关系。", "Detected wrongly? Choose the kind of file here, then say what each column holds below.";
    ImportNeedsOrderColumns => "订单需要这几列：金额、付款时间，以及一列能找到客户的（手机号、微信号、姓名、客户ID 或收货地址）。", "Orders need these columns: the amount, the payment time, and one that finds the customer (phone, 微信号, name, customer ID or address).";
    ImportNeedsChatColumns => "聊天记录需要这三列：发送时间、发送人、消息内容。", "A chat history needs these three columns: the time, the sender and the message text.";
    CfTime => "发送时间", "Time sent";
    CfSender => "发送人（wxid 或名字）", "Sender (wxid or name)";
    CfContent => "消息内容", "Message text";
    CfType => "消息类型", "Message type";
    CfConversation => "会话（群）", "Conversation (group)";
    CfOwn => "是否自己发送（1 = 是）", "Sent by me (1 = yes)";
    CfSenderName => "发送人昵称", "Sender's display name";
    ImportMappingRecalled => "已按上次同样表头的文件填好类型和列对应，请核对", "Kind and columns filled in as for the last file with these headers: check them";
    ImportNeedsStatColumns => "群统计需要至少一列统计数字，以及「日期」或「群名称/群ID」列。", "Group statistics need at least one count column, and a date or a group name / ID column.";
    ImportNeedsGroupName => "请填写这些数据属于哪个群。", "Say which group these figures belong to.";
    ImportBadTimeZone => "时区的写法应当像 +08:00。", "Write the time zone like +08:00.";
    ImportStatsGroup => "这些数据属于群", "These figures belong to";
    SfDate => "日期", "Date";
    SfGroupName => "群名称", "Group name";
    SfOwner => "群主", "Owner";
    SfChatId => "群ID", "Group ID";
    SfCreated => "创群时间", "Created";
    SfMemberTotal => "群成员总数", "Members";
    SfJoins => "新增群成员", "Joined";
    SfLeaves => "退群人数", "Left";
    SfSpeakers => "发言人数", "Speakers";
    SfMessages => "消息数", "Messages";
    SfNewGroups => "新增客户群数", "New groups";
    SfGroupTotal => "客户群总数", "Groups";
    SfGroupsWithMessages => "有消息的群数", "Groups with messages";
    ImportPreview => "预览前 {n} 行", "Preview of the first {n} rows";
    ImportPolicy => "重复客户", "Duplicates";
    PolicyMerge => "合并（补全空字段、合并标签）", "Merge (fill empty fields, union tags)";
    PolicySkip => "跳过", "Skip";
    PolicyOverwrite => "覆盖", "Overwrite";
    ImportSeparators => "标签分隔符", "Tag separators";
    ImportTimeZone => "文件中的时间所在时区", "Time zone of times in the file";
    ImportRemember => "记住这种表头的列对应", "Remember this mapping for files with the same header";
    ImportStart => "开始导入", "Start import";
    ImportRunning => "正在导入 {file}…", "Importing {file}…";
    ImportRowsPerSecond => "已处理 {rows} 行，{speed} 行/秒", "{rows} rows, {speed} rows/s";
    ImportCancel => "取消导入", "Cancel import";
    ImportDone => "导入完成：{file}", "Imported {file}";
    ImportSummaryMerged => "共 {rows} 行：新建 {created}，更新 {updated}，同一文件内重复并入 {merged}，跳过 {skipped}，拒绝 {rejected}", "{rows} rows: {created} new, {updated} updated, {merged} merged duplicates within the file, {skipped} skipped, {rejected} rejected";
    ImportSummary => "共 {rows} 行：新建 {created}，更新 {updated}，跳过 {skipped}，拒绝 {rejected}", "{rows} rows: {created} created, {updated} updated, {skipped} skipped, {rejected} rejected";
    ImportRejectedRows => "被拒绝的行", "Rejected rows";
    ImportSaveRejected => "保存被拒绝的行…", "Save rejected rows…";
    ImportAnother => "再导入一个文件", "Import another file";
    ImportFailed => "无法导入 {file}", "Cannot import {file}";
    ImportUnchanged => "数据库没有任何改动。", "The database was not changed.";
    ImportHistory => "导入记录", "Import history";
    ImportHistoryEmpty => "还没有导入过文件。", "No imports yet.";
    ImportUndo => "撤销这次导入", "Undo this import";
    ImportUndone => "已撤销", "Undone";
    ToastImportUndone => "已撤销导入：{file}", "Import undone: {file}";
    ToastWriterBusy => "正在导入（或恢复、撤销）中：等它完成后再试。没有做任何改动。", "An import (or a restore or undo) is still writing: try again when it has finished. Nothing was changed.";
    ToastUndoNewerFirst => "这次导入改过的客户或数据，之后的导入（第 {newer} 批）又改过：请先撤销那些导入，再撤销这一次。没有做任何改动。", "Later imports (batch {newer}) changed the same customers or figures again: undo those first, then this one. Nothing was changed.";
    ToastImported => "已导入 {file}：新建 {created}，更新 {updated}", "Imported {file}: {created} created, {updated} updated";
    ToastRejectedSaved => "已保存被拒绝的行到 {path}", "Rejected rows saved to {path}";
    RowN => "第 {row} 行", "Row {row}";
    ErrEmptyFile => "文件是空的。", "The file is empty.";
    ErrNoDataRows => "文件只有表头（第 {row} 行），没有数据行。", "The file has a header (row {row}) but no data rows.";
    ErrBinary => "这不是表格文件（可能是图片或其他文件改了扩展名）。", "This is not a table (perhaps a picture or another file renamed).";
    ErrWorkbookTooLarge => "这个 Excel 文件解压后大得不正常（可能不是正常导出的表格），为保护电脑没有打开。请重新导出，或另存为 CSV 后再导入。", "This Excel file unpacks to an abnormal size (probably not a normal export), so it was not opened. Export it again, or save it as CSV and import that.";
    ErrPasswordProtected => "这个表格设置了打开密码。请用 Excel 或 WPS 打开它，另存为不带密码的文件，再导入。", "This workbook is protected by a password. Open it in Excel or WPS, save it without a password, and import it again.";
    ErrCorruptXlsx => "Excel 文件已损坏，无法打开（可能没有下载完整）。请重新导出后再试。", "The Excel file is damaged and cannot be opened (perhaps an incomplete download). Export it again.";
    ErrQuote => "第 {row} 行：有一个引号 (\") 没有闭合，后面的内容会错位。请在 Excel 中修正后另存为 CSV。", "Row {row}: a quote (\") is never closed, so the rest would shift. Fix it in Excel and save as CSV again.";
    ErrEncoding => "第 {row} 行：文字编码混乱（同一文件里混用了 GBK 和 UTF-8）。请用 Excel 另存为“CSV UTF-8”。", "Row {row}: the text encoding is mixed (GBK and UTF-8 in one file). Save it from Excel as “CSV UTF-8”.";
    ErrTooManyColumns => "第 {row} 行的列数太多，不像是客户列表。", "Row {row} has far too many columns for a customer list.";
    ErrCellTooLong => "第 {row} 行有一个单元格过长，不像是客户列表。", "Row {row} has a cell far too long for a customer list.";
    ErrUnknownKind => "找不到姓名、手机号或客户ID列。请在列对应中指定至少一列。", "No name, phone or customer ID column. Map at least one of them.";
    ErrNoSuchSheet => "工作簿里没有这个工作表。", "The workbook has no such sheet.";
    ErrIo => "无法读取文件（可能正在被 Excel 占用）。", "Cannot read the file (is it open in Excel?).";
    ErrWrongKind => "这不是客户列表，而是{kind}。", "This is not a customer list but {kind}.";
    ErrCancelled => "导入已取消。", "The import was cancelled.";
    ErrSeveralConversations => "这个聊天记录文件里有 {n} 个会话（{names}）：请选择其中一个会话的名称作为目标群。", "This chat export holds {n} conversations ({names}): choose one of them by its name as the group.";
    ErrDamaged => "数据文件已损坏（{msg}），为免损失扩大，没有写入任何内容。请在「设置 → 备份」中恢复最近一份完好的备份。", "The data file is damaged ({msg}); nothing was written to it. Restore the latest good backup in Settings → Backups.";
    ErrNeedsGroup => "这个文件没有群名称或群ID列：请选择这些数据属于哪个群。", "This file has no group column: choose the group its figures belong to.";
    ErrDatabase => "数据库出错：{msg}", "Database error: {msg}";
    ReasonNoIdentity => "没有姓名、手机号或客户ID", "No name, phone or customer ID";
    ReasonRepeatedHeader => "重复的表头行", "A repeated header row";
    ReasonNoBuyer => "没有客户ID、手机号、微信号或姓名", "No customer ID, phone, WeChat ID or name";
    ReasonBadDate => "日期无法识别：{detail}", "Not a date: {detail}";
    ReasonBadAmount => "金额无法识别：{detail}", "Not an amount: {detail}";
    ReasonBadNumber => "数字无法识别：{detail}", "Not a number: {detail}";
    ReasonUnknownBuyer => "找不到这位客户：{detail}", "No such customer: {detail}";
    ReasonMaskedBuyer => "买家手机号和姓名都被平台打码（如 138****8001），认不出是谁：订单 {detail}", "The platform masked the buyer's phone and name (e.g. 138****8001), so nobody can be identified: order {detail}";
    ReasonNoGroup => "这一行没有群名称或群ID", "The row names no group";
    ReasonAmbiguousBuyer => "有多位客户叫这个名字，请补充手机号或客户ID：{detail}", "Several customers have this name; add a phone or customer ID: {detail}";

    ProblemTitle => "无法打开数据", "Cannot open the data";
    ProblemInUse => "这个数据文件已经在另一个群主窗口中打开：\n{path}\n请切换到那个窗口继续工作。", "This data file is already open in another Qunzhu window:\n{path}\nSwitch to that window to go on working.";
    ProblemCannotOpen => "无法打开数据文件：\n{path}\n原因：{reason}", "Cannot open the data file:\n{path}\nReason: {reason}";
    ProblemDamaged => "数据文件已损坏：\n{path}\n{reason}\n为免损失扩大，群主没有写入任何内容。", "The data file is damaged:\n{path}\n{reason}\nTo keep the damage from spreading, Qunzhu wrote nothing to it.";
    ProblemRestoreLatest => "恢复最近的备份（{date}，{n} 位客户）", "Restore the latest backup ({date}, {n} customers)";
    ProblemNoBackup => "没有找到可以恢复的备份。", "No backup was found to restore.";
    ProblemBrokenKept => "损坏的文件已保留为 {path}", "The damaged file was kept as {path}";
    Quit => "退出", "Quit";

    OpenFolder => "打开文件夹", "Open folder";
    MoveDataFile => "移动数据文件…", "Move data file…";
    SettingsPrivacy => "隐私", "Privacy";
    MaskPhones => "隐藏手机号中间四位（138****1234）", "Mask phone numbers (138****1234)";
    SettingsBackups => "备份", "Backups";
    BackupNow => "立即备份", "Back up now";
    BackupsNone => "还没有备份。每天第一次打开、每次导入和恢复之前都会自动备份。", "No backups yet. One is made at the first start of each day and before every import and restore.";
    BackupRow => "{date}　{size}　{n} 位客户", "{date}   {size}   {n} customers";
    RestoreEllipsis => "恢复…", "Restore…";
    RestoreConfirmTitle => "恢复备份？", "Restore this backup?";
    RestoreConfirmBody => "数据将回到 {date} 的状态。当前数据会先自动备份，之后仍可恢复。", "The data will go back to how it was on {date}. The current data is backed up first, so this can be undone.";
    Restore => "恢复", "Restore";
    WorkUndoingImport => "正在撤销导入…", "Undoing the import…";
    WorkBackingUp => "正在备份…", "Backing up…";
    WorkRestoring => "正在恢复备份…", "Restoring the backup…";
    ToastBackedUp => "已备份到 {path}", "Backed up to {path}";
    ToastRestored => "已恢复备份；恢复前的数据已备份", "Backup restored; the previous data was backed up first";
    ToastMoved => "数据文件已移动到 {path}", "Data file moved to {path}";
    ExportCustomerData => "导出该客户的全部数据…", "Export this customer's data…";
    ToastCustomerExported => "已导出到 {path}", "Exported to {path}";

    SettingsLanguage => "界面语言", "Language";
    SettingsTheme => "外观", "Appearance";
    ThemeSystem => "跟随系统", "Follow system";
    ThemeLight => "浅色", "Light";
    ThemeDark => "深色", "Dark";
    SettingsData => "数据文件", "Data file";
    SettingsSchema => "数据库版本", "Schema version";
    SettingsShortcuts => "快捷键", "Keyboard shortcuts";
    ShortcutSearch => "Ctrl+F  搜索客户", "Ctrl+F  Search customers";
    ShortcutNew => "Ctrl+N  新建客户", "Ctrl+N  New customer";
    ShortcutUndo => "Ctrl+Z  撤销上一次删除", "Ctrl+Z  Undo the last delete";
    ShortcutSelect => "Shift/Ctrl+点击  多选", "Shift/Ctrl+click  Select several";
    ShortcutDelete => "Delete  删除所选客户", "Delete  Delete the selected customers";
    SettingsCounts => "客户数", "Customers";
    // 跟进
    FuTabChecklist => "今日清单", "Today's checklist";
    FuTabJourneys => "旅程", "Journeys";
    FuTabEnrol => "按条件加入", "Enrol by rule";
    FuTabRules => "分群规则", "Segment rules";
    FuOverdue => "逾期 ({n})", "Overdue ({n})";
    FuToday => "今天 ({n})", "Today ({n})";
    FuUpcoming => "未来 7 天 ({n})", "Next 7 days ({n})";
    FuMore => "还有 {n} 条未显示", "{n} more not shown";
    FuEmptyChecklist => "今天没有要跟进的客户。把客户加入旅程后（客户详情、客户列表多选，或「按条件加入」），任务会按日期出现在这里。", "Nobody to follow up today. Enrol customers in a journey (customer detail, a multi-selection in the customer book, or Enrol by rule) and their tasks appear here on their days.";
    FuNothingHere => "没有任务", "No tasks";
    FuCopy => "复制话术", "Copy script";
    FuComplete => "完成", "Done";
    FuSnooze => "延后", "Snooze";
    FuSkip => "跳过", "Skip";
    OutcomeReplied => "已回复", "Replied";
    OutcomeNoReply => "未回复", "No reply";
    OutcomeDeal => "成交", "Deal";
    OutcomeDeclined => "拒绝", "Declined";
    OutcomeOther => "其他", "Other";
    FuNote => "跟进记录", "Follow-up note";
    FuNoteHint => "聊了什么、客户怎么说…", "What was said…";
    FuConfirmDone => "确认完成", "Confirm done";
    FuSnoozeTo => "延后到", "Snooze until";
    FuConfirmSnooze => "确认延后", "Confirm snooze";
    FuSkipReason => "跳过原因", "Reason for skipping";
    FuConfirmSkip => "确认跳过", "Confirm skip";
    FuDue => "到期 {day}", "Due {day}";
    FuNoItems => "您买的茶", "your tea";
    FuTimelineNote => "{journey} · {step}（{outcome}）：{note}", "{journey} · {step} ({outcome}): {note}";
    ChannelPrivate => "私聊", "Private chat";
    ChannelPhone => "电话", "Phone";
    ChannelMoments => "朋友圈互动", "Moments";
    TriggerAdded => "添加好友", "Added";
    TriggerFirstPurchase => "首次购买", "First purchase";
    TriggerLatestPurchase => "最近购买", "Latest purchase";
    TriggerLatestContact => "最近互动", "Latest contact";
    TriggerCustom => "自定义日期", "Custom date";
    FuStepTrigger => "触发", "Trigger";
    FuStepOffset => "之后天数", "Days after";
    FuStepTitle => "步骤标题", "Step title";
    FuStepScript => "话术", "Script";
    FuStepChannel => "渠道", "Channel";
    FuAddStep => "添加步骤", "Add step";
    FuRemoveStep => "删除步骤", "Remove step";
    FuSaveJourney => "保存旅程", "Save journey";
    FuNewJourney => "新建旅程", "New journey";
    FuNewJourneyName => "新旅程名称", "New journey name";
    FuDeleteJourney => "删除旅程", "Delete journey";
    FuJourneyName => "旅程名称", "Journey name";
    FuJourneyDesc => "说明", "Description";
    FuPlaceholders => "话术中可用 {称呼}（客户称呼）和 {商品}（最近一次购买的商品）。", "Scripts may use {称呼} (how the customer is addressed) and {商品} (items of the latest purchase).";
    FuJourney => "旅程", "Journey";
    FuEnrol => "加入旅程", "Enrol";
    FuEnrolConfirm => "将把 {n} 位客户加入这个旅程，并为他们生成跟进任务。确定吗？（之后可以撤销）", "This enrols {n} customers in the journey and creates their follow-up tasks. Go ahead? (You can undo it.)";
    FuEnrolConfirmYes => "确定加入 {n} 位", "Enrol {n}";
    FuEnrolMatching => "符合条件的客户：{n} 位", "Matching customers: {n}";
    FuCustomDate => "自定义日期（生日、活动日等）", "Custom date (birthday, event day…)";
    FuEnrolTwice => "已在旅程中的客户不会重复生成任务。", "Customers already in the journey get no duplicate tasks.";
    FuRuleTag => "标签", "Tag";
    FuRuleAddedSince => "添加日期不早于", "Added since";
    FuAny => "不限", "Any";
    SegLoyal => "忠实型", "Loyal";
    SegBargain => "羊毛型", "Bargain hunter";
    SegNeed => "需求型", "Need-driven";
    SegLow => "低需求", "Low need";
    SegNone => "未分群", "No segment";
    LifeNew => "新客", "New";
    LifeActive => "活跃", "Active";
    LifeDormant => "沉睡", "Dormant";
    FilterSegment => "分群", "Segment";
    FilterLifecycle => "生命周期", "Lifecycle";
    RuleLoyalMonths => "忠实型：最近连续有购买的月数（每 30 天一段）", "Loyal: recent 30-day periods each with a purchase";
    RuleReferralTag => "忠实型：表示推荐过他人的标签", "Loyal: tag meaning they referred someone";
    RuleReferralKind => "忠实型：推荐拉新的贡献类型", "Loyal: contribution kind for a referral";
    RuleBargainMax => "羊毛型：全部折扣购买且客单价低于（元）", "Bargain: all discounted, average order below (¥)";
    RuleNeedQuiet => "需求型：至少 2 单且多少天未复购", "Need-driven: 2+ orders and no repurchase for days";
    RuleNewDays => "新客：添加后多少天内", "New: days since added";
    RuleDormantDays => "沉睡：多少天无互动（聊天或购买）", "Dormant: days without contact or purchase";
    RulesSave => "保存规则", "Save rules";
    RulesOrder => "按顺序判断：忠实型 → 羊毛型 → 需求型 → 低需求（0–1 单）；都不符合则未分群。", "Checked in order: Loyal → Bargain hunter → Need-driven → Low need (0–1 orders); otherwise no segment.";
    DetailPurchases => "购买记录", "Purchases";
    PurchaseAmount => "金额（元）", "Amount (¥)";
    PurchaseItems => "商品", "Items";
    PurchaseDiscounted => "折扣价", "Discounted";
    PurchaseAdd => "添加购买", "Add purchase";
    PurchaseInvalid => "请输入金额，如 128 或 99.5", "Enter an amount such as 128 or 99.5";
    NoPurchases => "还没有购买记录", "No purchases yet";
    AvgOrder => "客单价 ¥{amount} · 共 {n} 单", "Average order ¥{amount} · {n} orders";
    DetailFollowups => "跟进任务", "Follow-up tasks";
    NoTasks => "没有跟进任务", "No follow-up tasks";
    TaskDone => "已完成", "Done";
    TaskSkipped => "已跳过", "Skipped";
    BulkEnrol => "加入旅程", "Enrol in journey";
    ToastEnrolled => "已加入 {n} 位客户，新建 {tasks} 个任务", "Enrolled {n} customers, {tasks} new tasks";
    ToastTaskDone => "已完成跟进，记录已写入客户时间线", "Follow-up done and noted on the timeline";
    ToastTaskSnoozed => "已延后到 {day}", "Snoozed until {day}";
    ToastTaskSkipped => "已跳过", "Skipped";
    ToastJourneySaved => "旅程已保存", "Journey saved";
    ToastJourneyDeleted => "旅程已删除", "Journey deleted";
    ToastPurchaseAdded => "已添加购买记录", "Purchase added";
    ToastRulesSaved => "分群规则已保存", "Segment rules saved";
    FuDetailSection => "跟进与购买（{open} 个待办 · {orders} 单）", "Follow-ups & purchases ({open} open · {orders} orders)";
    // 内容日历
    CtTabCalendar => "日历", "Calendar";
    CtTabToday => "今日", "Today";
    CtTabCoverage => "覆盖", "Coverage";
    CtTabRhythm => "节奏", "Rhythm";
    CtTabColumns => "栏目", "Columns";
    CtTabGroups => "社群", "Groups";
    CtTabLibrary => "素材库", "Library";
    CtMon => "周一", "Mon";
    CtTue => "周二", "Tue";
    CtWed => "周三", "Wed";
    CtThu => "周四", "Thu";
    CtFri => "周五", "Fri";
    CtSat => "周六", "Sat";
    CtSun => "周日", "Sun";
    CtStatusPlanned => "计划", "Planned";
    CtStatusReady => "就绪", "Ready";
    CtStatusSent => "已发", "Sent";
    CtStatusSkipped => "跳过", "Skipped";
    CtDate => "日期", "Date";
    CtTime => "时间", "Time";
    CtGroup => "社群", "Group";
    CtColumn => "栏目", "Column";
    CtTitle => "标题", "Title";
    CtBody => "正文", "Text";
    CtStatus => "状态", "Status";
    CtNotes => "备注", "Notes";
    CtLabel => "名称", "Label";
    CtExportTitle => "内容计划 {from} 至 {to}", "Content plan {from} to {to}";
    CtPrevWeek => "上一周", "Previous week";
    CtNextWeek => "下一周", "Next week";
    CtThisWeek => "本周", "This week";
    CtPrevMonth => "上个月", "Previous month";
    CtNextMonth => "下个月", "Next month";
    CtThisMonth => "本月", "This month";
    CtWeekView => "周视图", "Week";
    CtMonthView => "月视图", "Month";
    CtAllGroups => "全部社群", "All groups";
    CtAllColumns => "全部栏目", "All columns";
    CtNoGroup => "未指定社群", "No group";
    CtNoColumn => "未分栏目", "No column";
    CtGenerateWeek => "按节奏生成本周", "Generate this week";
    CtGenerateMonth => "按节奏生成本月", "Generate this month";
    CtGenerateHint => "按“节奏”中的模板填充内容。重复生成不会产生重复内容，也不会覆盖你改过、移动过或标记过的内容。", "Fills the range from the rhythm. Generating again adds no duplicates and never overwrites items you edited, moved or marked.";
    CtGenerateRange => "按节奏生成内容", "Generate from the rhythm";
    CtGenerate => "生成", "Generate";
    CtFrom => "从", "From";
    CtTo => "到", "to";
    CtNewItem => "新建内容", "New item";
    CtNewItemTitle => "新内容", "New item";
    CtExportCsv => "导出 CSV…", "Export CSV…";
    CtExportMarkdown => "导出 Markdown…", "Export Markdown…";
    CtCopyMarkdown => "复制为 Markdown", "Copy as Markdown";
    CtEmptyWeekTitle => "本周还没有内容", "Nothing planned this week";
    CtEmptyWeek => "在“节奏”中设置每周节奏和每日 SOP 时段，然后点“按节奏生成本周”；也可以点“新建内容”手动添加。", "Set up the weekly rhythm and daily SOP slots under “Rhythm”, then click “Generate this week”; or add an item with “New item”.";
    CtMore => "还有 {n} 条", "{n} more";
    CtDayCounts => "{n} 条 · 已发 {sent}", "{n} items · {sent} sent";
    CtDayEmpty => "无内容", "Nothing planned";
    CtDayGaps => "{n} 个群无内容", "{n} groups without";
    CtDayOverdue => "{n} 条过时未发", "{n} overdue";
    CtItemHeading => "内容", "Item";
    CtBadTime => "时间格式应为 07:30", "Use a time like 07:30";
    CtSentAt => "已发于 {at}", "Sent at {at}";
    CtCopyBody => "复制正文", "Copy text";
    CtMarkSent => "标记已发", "Mark sent";
    CtDuplicate => "复制一份", "Duplicate";
    CtDeleteItem => "删除内容", "Delete item";
    CtSearchSnippets => "搜索素材", "Search snippets";
    CtEveryColumn => "所有栏目", "All columns";
    CtNoSnippets => "没有素材。", "No snippets.";
    CtInsertSnippet => "插入“{title}”", "Insert “{title}”";
    CtTodayLeft => "待发 {n} / 共 {total} 条", "{n} of {total} still to send";
    CtTodayEmpty => "今天没有要发的内容。", "Nothing to send today.";
    CtOverdue => "已过时", "Overdue";
    CtCoverageSummary => "{n} / {total} 个群需要关注", "{n} of {total} groups need attention";
    CtNoGroups => "还没有社群。在“社群”中新建。", "No groups yet. Create one under “Groups”.";
    CtCoverageTotal => "合计（已发 / 计划）", "Total (sent / planned)";
    CtCoverageFlags => "提醒", "Flags";
    CtFlagMissing => "本周没有{column}", "No {column} this week";
    CtFlagOverdue => "{n} 条过时未发", "{n} overdue";
    CtFlagOk => "正常", "OK";
    CtRhythmHint => "每一行是一个固定时段：在勾选的星期几，把这个栏目发到所选社群。每日 SOP（早打卡、午分享、晚答疑）就是每天都勾选的行。", "Each row is a fixed slot: on the ticked weekdays, this column goes to the chosen groups. Daily SOP slots (morning check-in, noon share, evening Q&A) are rows ticked every day.";
    CtRhythmEmpty => "还没有节奏。在下方添加第一行。", "No rhythm yet. Add the first row below.";
    CtGroupCount => "{n} 个群", "{n} groups";
    CtAddRhythm => "添加一行", "Add a row";
    CtAddRhythmButton => "添加节奏", "Add to rhythm";
    CtAddRhythmHint => "新的一行发给该栏目服务的社群（栏目未指定社群时发给全部社群），之后可在表格中调整。", "A new row goes to the groups the column serves (all groups when it names none); adjust them in the grid afterwards.";
    CtNewColumn => "新建栏目", "New column";
    CtNewColumnName => "新栏目", "New column";
    CtPickColumn => "在左侧选择一个栏目，或新建一个。", "Pick a column on the left, or create one.";
    CtColumnName => "栏目名称", "Column name";
    CtDescription => "说明", "Description";
    CtColor => "颜色", "Colour";
    CtDefaultTime => "默认时间", "Default time";
    CtTemplate => "模板正文", "Template text";
    CtWeeklyRequired => "每个群每周至少一次（没有时在“覆盖”中提醒）", "Every group at least once a week (flagged under Coverage when missing)";
    CtArchived => "已停用", "Archived";
    CtServesGroups => "服务的社群", "Groups served";
    CtSaveColumn => "保存栏目", "Save column";
    CtNewGroup => "新建社群", "New group";
    CtNewGroupName => "新社群", "New group";
    CtFindGroup => "查找社群", "Find a group";
    CtShowArchived => "显示已归档", "Show archived";
    CtPickGroup => "在左侧选择一个社群，或新建一个。", "Pick a group on the left, or create one.";
    CtGroupName => "群名称", "Group name";
    CtGroupKind => "群类型", "Type";
    CtCustomKind => "自定义类型", "Custom type";
    CtPositioning => "群定位", "Positioning";
    CtOwner => "群主", "Owner";
    CtCreatedOn => "建群日期", "Created on";
    CtWelcome => "入群欢迎语", "Welcome message";
    CtRules => "群规", "Rules";
    CtAnnouncement => "群公告", "Announcement";
    CtSaveGroup => "保存社群", "Save group";
    CtArchiveGroup => "归档", "Archive";
    CtRestoreGroup => "恢复", "Restore";
    CtNewSnippet => "新建素材", "New snippet";
    CtEditSnippet => "编辑素材", "Edit snippet";
    CtSnippetTitle => "素材标题", "Snippet title";
    CtSnippetBody => "素材正文", "Snippet text";
    CtSaveSnippet => "保存素材", "Save snippet";
    CtToastGroupSaved => "已保存社群", "Group saved";
    CtToastGroupArchived => "已归档社群", "Group archived";
    CtToastGroupRestored => "已恢复社群", "Group restored";
    CtToastColumnSaved => "已保存栏目", "Column saved";
    CtToastRhythmDeleted => "已删除这一行节奏", "Rhythm row deleted";
    CtToastGenerated => "已生成 {inserted} 条，更新 {updated} 条，保留 {protected} 条改动过的内容", "{inserted} items added, {updated} updated, {protected} you changed kept as they are";
    CtToastItemSaved => "已保存内容", "Item saved";
    CtToastMarkedSent => "已标记为已发", "Marked sent";
    CtToastItemDuplicated => "已复制一份", "Item duplicated";
    CtToastItemDeleted => "已删除内容", "Item deleted";
    CtToastSnippetSaved => "已保存素材", "Snippet saved";
    CtToastSnippetDeleted => "已删除素材", "Snippet deleted";
    CtToastCopied => "已复制正文，可以粘贴到微信了", "Text copied: paste it into WeChat";
    CtToastMarkdownCopied => "已复制 {n} 条内容的 Markdown", "Copied {n} items as Markdown";
    CtToastExported => "已导出 {n} 条内容到 {path}", "Exported {n} items to {path}";
    CtCopyToGroups => "复制到其他社群…", "Copy to other groups…";
    CtCopyToTicked => "复制到所选的 {n} 个社群", "Copy to the {n} ticked groups";
    CtToastCopiedToGroups => "已复制到 {n} 个社群", "Copied to {n} groups";
    CtToastMoved => "已移到 {when}", "Moved to {when}";
    // 社群健康
    HlOverview => "总览", "Overview";
    HlGroup => "单群", "Group";
    HlCompare => "对比", "Compare";
    HlGrid => "每日数据", "Daily stats";
    HlThresholds => "预警设置", "Alert settings";
    HlQuestions => "待回复", "Unanswered";
    HlSignals => "关键词信号", "Keyword signals";
    HlChatSearch => "聊天记录", "Chat search";
    CsWords => "搜索聊天记录", "Search the chats";
    CsWordsHint => "白牡丹、链接、发货…", "a product, 链接, 发货…";
    CsAllGroups => "全部群", "All groups";
    CsSender => "发言人", "Sender";
    CsLimitDays => "限定日期", "Limit the days";
    CsHelp => "输入词语，在导入的所有群聊消息中查找（一两个字也可以）。点“上下文”看前后的消息，点发言人打开客户资料。", "Type words to find them in every imported chat message (one or two Chinese characters work too). Context shows the messages around a hit; a sender's name opens their profile.";
    CsHits => "{n} 条消息", "{n} messages";
    CsManyHits => "最新导入的 {n} 条消息（加上群或日期缩小范围）", "The {n} newest imported messages (narrow by group or days)";
    CsContext => "上下文", "Context";
    SgRuleLine => "截至 {day} 的 {days} 天内，在群里说过：{words}", "Said in a group in the {days} days up to {day}: {words}";
    SgNone => "没有客户的发言命中这条规则（只看已关联到客户的发言人）。", "No customer's messages match this rule (only senders linked to a customer count).";
    SgTag => "标签", "Tag";
    SgProfile => "资料", "Profile";
    SgApplyTag => "给选中的 {n} 位客户打上标签", "Tag the {n} ticked customers";
    SgJourney => "跟进旅程", "Journey";
    SgChooseJourney => "选择旅程", "Choose a journey";
    SgEnrol => "把选中的 {n} 位客户加入旅程", "Enrol the {n} ticked customers";
    SgRulesHeading => "信号规则", "Signal rules";
    SgRulesHelp => "每行一条：名称：词，词（天数）", "One per line: name: word, word (days)";
    SgBadLines => "{n} 行看不懂：写成 名称：词，词（天数）", "{n} lines do not read as name: word, word (days)";
    SgSaveRules => "保存信号规则", "Save the signal rules";
    CdRecentMessages => "最近群聊发言", "Lately in the groups";
    HlReport => "周报（{from} 至 {to}）", "Weekly report ({from} to {to})";
    HlReportPng => "保存为长图（PNG，发微信）…", "Save as a long image (PNG, for WeChat)…";
    HlReportHtml => "保存为网页（HTML，可打印为 PDF）…", "Save as a web page (HTML, prints to PDF)…";
    HlReportMarkdown => "保存为 Markdown…", "Save as Markdown…";
    HlReportFile => "社群周报", "weekly_report";
    QsEmpty => "这个群在所选时间内没有客户提问。导入群聊记录（导入页面）后，这里会列出客户的提问和团队的回复速度。", "No customer questions in this group in the chosen range. Import a chat export (Import screen) to see customers' questions and how fast the team answered.";
    QsGroupsWithChat => "有聊天记录的群：", "Groups with chat history:";
    QsSummary => "{n} 个提问 · 按时回复 {share} · 首次回复中位 {median} · 超时 {late} · 未回复 {never}", "{n} questions · {share} answered in time · median first reply {median} · {late} late · {never} unanswered";
    QsRulesLine => "按时 = 服务时间 {opens}–{closes} 内 {n} 分钟内有团队成员回复（在“预警设置”中修改）", "In time = a team member replied within {n} minutes of service time, {opens}–{closes} (change under Alert settings)";
    QsMinutes => "{n} 分钟", "{n} min";
    QsHoursMinutes => "{h} 小时 {m} 分", "{h} h {m} min";
    QsMedianChart => "每天首次回复中位（分钟）", "Median first reply per day (minutes)";
    QsMedianSeries => "首次回复中位", "Median first reply";
    QsTargetSeries => "要求", "Target";
    QsShareChart => "每天按时回复率", "Answered in time per day";
    QsShareSeries => "按时回复率", "In time";
    QsDay => "日期", "Day";
    QsShowAll => "显示按时回复的提问", "Show questions answered in time";
    QsAllInTime => "这一天的提问都按时回复了。", "Every question of this day was answered in time.";
    QsColTime => "时间", "Time";
    QsColAsker => "提问人", "Asked by";
    QsColQuestion => "提问", "Question";
    QsColWait => "等待", "Waited";
    QsColOutcome => "结果", "Outcome";
    QsInTime => "按时回复", "In time";
    QsLate => "回复超时", "Late";
    QsNever => "没有回复", "Never answered";
    QsOpen => "还在等待", "Still waiting";
    QsOpenCustomer => "打开客户资料", "Open the customer";
    QsRulesHeading => "待回复规则", "Unanswered-question rules";
    QsOpens => "服务时间开始", "Service opens";
    QsCloses => "服务时间结束", "Service closes";
    QsWithin => "回复时限（分钟）", "Reply within (minutes)";
    QsWords => "提问关键词（逗号分隔；以？结尾的消息总算提问）", "Question words (comma-separated; a message ending in ? always counts)";
    QsSaveRules => "保存待回复规则", "Save the rules";
    QsBadTime => "时间格式应为 09:00", "Times look like 09:00";
    HlAsOf => "数据截至 {day}", "Data up to {day}";
    HlEmpty => "还没有社群数据。导入企业微信群统计或群聊记录（导入页面），或在“每日数据”中手工填写。", "No group data yet. Import WeCom group statistics or a chat export (Import screen), or enter numbers by hand under Daily stats.";
    HlNoGroups => "还没有社群。导入群统计或群聊记录会自动建群。", "No groups yet. Importing group statistics or a chat export creates them.";
    HlColGroup => "群", "Name";
    HlColTrend7 => "近 365 天成员", "Members, 365 days";
    HlColMembers => "成员", "Members";
    HlColInteraction => "互动率(7天)", "Interaction (7d)";
    HlColLeave => "退群率(7天)", "Leave rate (7d)";
    HlColNet => "净增(7天)", "Net (7d)";
    HlColTrend => "趋势", "Trend";
    HlColStage => "阶段", "Stage";
    HlColAlerts => "预警", "Alerts";
    HlColService => "回复(7天)", "Replies (7d)";
    HlColServiceHint => "聊天记录里的提问：按时回复的占比 · 首次回复用时中位数（服务时间内）", "Questions in the chat history: share answered in time · median first reply (in service hours)";
    HlOpenGroup => "查看", "Open";
    HlTrendUp => "↑ 增长", "↑ growing";
    HlTrendFlat => "→ 持平", "→ flat";
    HlTrendDown => "↓ 下降", "↓ shrinking";
    StageFounding => "初建期", "Founding";
    StageActivation => "激活期", "Activation";
    StageRetention => "留存期", "Retention";
    StageMonetising => "变现期", "Monetising";
    StageSpreading => "传播期", "Spreading";
    ReasonYoung => "建群 {days} 天，不足 14 天", "{days} days old, under 14";
    ReasonGrowing => "近 30 天净增 {growth}，互动率 {rate}", "Last 30 days: net growth {growth}, interaction {rate}";
    ReasonSelling => "近 30 天有 {orders} 笔订单，转化率 {rate}", "{orders} orders in the last 30 days, conversion {rate}";
    ReasonWarming => "建群 {days} 天，仍在激活成员", "{days} days old, still activating members";
    ReasonMature => "建群 {days} 天，无明显增长或成交，互动率 {rate}", "{days} days old, no strong growth or sales, interaction {rate}";
    AlertHighLeave => "新群 7 天退群率 {rate}，高于 {limit}", "New group: 7-day leave rate {rate}, above {limit}";
    AlertLowInteraction => "互动率连续 {days} 天低于 {limit}", "Interaction under {limit} for {days} days";
    AlertSilent => "连续 {days} 天没有消息", "No messages for {days} days";
    MetricMembers => "成员数", "Members";
    MetricJoins => "进群", "Joins";
    MetricLeaves => "退群", "Leaves";
    MetricNet => "净增", "Net growth";
    MetricSpeakers => "发言人数", "Speakers";
    MetricMessages => "消息数", "Messages";
    MetricJoinRate => "进群率", "Join rate";
    MetricLeaveRate => "退群率", "Leave rate";
    MetricInteraction => "互动率", "Interaction rate";
    MetricPerMember => "人均消息量", "Messages per member";
    MetricConversion => "转化率", "Conversion rate";
    MetricAov => "客单价", "Average order value";
    MetricRoi => "ROI", "ROI";
    MetricRetention => "留存率", "Retention";
    HlChooseGroup => "选择群", "Group";
    HlRange => "时间范围", "Range";
    HlDays => "{n} 天", "{n} days";
    HlCustom => "自定义", "Custom";
    HlRates => "图表中的比率", "Rates on the chart";
    HlMembersChart => "成员数与进退群", "Members, joins and leaves";
    HlRatesChart => "比率", "Rates";
    HlPeriod => "所选时段", "Selected period";
    HlWow => "周环比", "Week over week";
    HlWowValue => "本周 {cur}，上周 {prev}，变化 {delta}", "this week {cur}, last week {prev}, change {delta}";
    HlMetric => "指标", "Metric";
    HlCompareGroups => "对比的群", "Groups to compare";
    HlExportCsv => "导出 CSV", "Export CSV";
    HlExportPng => "导出图表 PNG", "Export chart PNG";
    HlDay => "日期", "Day";
    HlExposure => "进群页曝光", "Entry-page exposure";
    HlOrders => "订单数", "Orders";
    HlOrderingMembers => "下单人数", "Ordering members";
    HlAmount => "订单金额(元)", "Order amount (yuan)";
    HlCost => "成本(元)", "Cost (yuan)";
    HlSource => "来源", "Source";
    HlSourceManual => "手工", "By hand";
    HlSourceWecom => "企微统计", "WeCom";
    HlSourceChat => "聊天记录", "Chat";
    HlSaveDay => "保存这一天", "Save day";
    HlDeleteDay => "删除这一天", "Delete day";
    HlEdit => "编辑", "Edit";
    HlBadNumber => "请填写整数（金额可带两位小数），留空表示未知。", "Enter whole numbers (amounts may have two decimals); leave empty for unknown.";
    HlNewGroupDays => "新群的天数", "A group is new for (days)";
    HlNewGroupLeave => "新群 7 天退群率上限(%)", "New group 7-day leave rate limit (%)";
    HlLowInteraction => "互动率下限(%)", "Interaction rate floor (%)";
    HlLowInteractionDays => "连续低互动天数", "Low-interaction days in a row";
    HlSilentDays => "连续无消息天数", "Silent days in a row";
    HlSaveThresholds => "保存预警设置", "Save alert settings";
    HlAlertsNone => "无", "None";
    KocBoard => "看板", "Board";
    KocLeaderboard => "贡献排行", "Leaderboard";
    KocCandidates => "候选人", "Candidates";
    KocCoverage => "群覆盖", "Coverage";
    KocRoles => "角色设置", "Roles";
    KocAssign => "指派角色", "Assign role";
    KocAssignForm => "给客户指派角色", "Assign a role to a customer";
    KocAssignSave => "确认指派", "Assign";
    KocLogContribution => "记录贡献", "Log contribution";
    KocContributionForm => "记一笔贡献", "Log a contribution";
    KocContributionSave => "保存贡献", "Save contribution";
    KocLogShort => "记一笔", "Log";
    KocCustomer => "客户", "Customer";
    KocChangeCustomer => "换一个", "Change";
    KocSearchHint => "输入姓名、手机或备注查找", "Type a name, phone or note";
    KocRole => "角色", "Role";
    KocGroup => "群", "Group";
    KocAllGroups => "全部群", "All groups";
    KocStatus => "状态", "Status";
    KocStatusCandidate => "候选", "Candidate";
    KocStatusActive => "在任", "Active";
    KocStatusEnded => "卸任", "Ended";
    KocSince => "起始日", "Since";
    KocSinceDay => "{day} 起", "since {day}";
    KocReason => "原因", "Reason";
    KocLoading => "正在统计聊天记录和贡献…", "Counting chat history and contributions…";
    KocKind => "贡献类型", "Kind";
    KocCustomKind => "或自定义", "or custom";
    KocDay => "日期", "Date";
    KocValue => "分值", "Value";
    KocAmount => "金额", "Amount";
    KocNote => "备注", "Note";
    KocBoardEmpty => "还没有人担任角色。点“指派角色”开始，或到“候选人”里提名活跃成员。", "Nobody holds a role yet. Click Assign role, or nominate active members under Candidates.";
    KocColumnTitle => "{role}（在任 {n}）", "{role} ({n} active)";
    KocExpectSpeaking => "期望：每周发言 {n} 天", "Expected: speaks {n} days a week";
    KocExpectContrib => "期望：每月贡献 {n} 次", "Expected: {n} contributions a month";
    KocSpeakingVsExpected => "近 {window} 天发言 {days} 天（每周 {actual} / 期望 {expected}）", "Spoke on {days} of the last {window} days ({actual}/week, expected {expected})";
    KocMonthVsExpected => "本月贡献 {n} / 期望 {expected}", "This month: {n} of {expected} expected";
    KocMonthCount => "本月贡献 {n}", "This month: {n}";
    KocLastContribution => "最近贡献：{day}", "Last contribution: {day}";
    KocNoContribution => "还没有贡献记录", "No contributions yet";
    KocQuiet => "已沉默 {n} 天", "Quiet for {n} days";
    KocAppoint => "任命", "Appoint";
    KocEnd => "卸任", "End role";
    KocPeriod => "统计周期", "Period";
    KocLastDays => "近 {n} 天", "Last {n} days";
    KocNoContributions => "这段时间没有贡献记录。", "No contributions in this period.";
    KocContributions => "贡献次数", "Contributions";
    KocRank => "名次", "Rank";
    KocPersonChart => "{name} 的每日贡献", "{name}'s contributions per day";
    KocNominateAs => "提名为", "Nominate as";
    KocScoreHelp => "得分 = 发言天数×3 + 消息数×0.2（最多计 200 条）+ 推荐拉新×8 + 购买×2 + 备注×1；已有角色或已提名的人不在此列。", "Score = speaking days×3 + messages×0.2 (at most 200 counted) + referrals×8 + purchases×2 + notes×1; people who hold or are nominated for a role are not listed.";
    KocNoCandidates => "这段时间没有可提名的活跃成员。导入聊天记录后，发言的成员会出现在这里。", "No active members to nominate in this period. After a chat import, members who spoke appear here.";
    KocScore => "得分", "Score";
    KocWhy => "依据", "Why";
    KocNominate => "操作", "Action";
    KocNominateButton => "提名 {name}", "Nominate {name}";
    KocNominatedReason => "候选得分 {score}", "Candidate score {score}";
    KocPartSpeakingDays => "发言 {n} 天 +{points}", "spoke on {n} days +{points}";
    KocPartMessages => "消息 {n} 条 +{points}", "{n} messages +{points}";
    KocPartReferrals => "推荐 {n} 人 +{points}", "{n} referrals +{points}";
    KocPartPurchases => "购买 {n} 次 +{points}", "{n} purchases +{points}";
    KocPartNotes => "备注 {n} 条 +{points}", "{n} notes +{points}";
    KocTarget => "每群目标人数", "Target per group";
    KocCoverageHelp => "统计在任的 {roles}（指派到全部群的人计入每个群）。", "Counts active {roles} (someone assigned to all groups counts for each).";
    KocCoverageSummary => "{n} 个群中有 {below} 个低于目标", "{below} of {n} groups below target";
    KocActiveHolders => "在任 / 目标", "Active / target";
    KocFlag => "情况", "Status";
    KocBelowTarget => "不足", "Below target";
    KocOnTarget => "达标", "On target";
    KocRoleName => "角色", "Role";
    KocRoleDescription => "说明", "Description";
    KocPerGroup => "按群任命", "Per group";
    KocCoversGroup => "计入群覆盖", "Counts for coverage";
    KocExpectation => "期望活跃度", "Expected activity";
    KocExpectNone => "无", "None";
    KocExpectSpeakingKind => "每周发言天数", "Speaking days a week";
    KocExpectContribKind => "每月贡献次数", "Contributions a month";
    KocNewRole => "新角色", "New role";
    KocAddRole => "添加角色", "Add role";
    BulkAssignRole => "批量指派角色", "Assign role to selection";
    KocAssignAs => "设为{status}", "Make {status}";
    KocNoChatHistory => "该群近 14 天没有导入聊天记录，发言情况未知", "No chat history imported for this group in the last 14 days: speaking unknown";
    KocDetailSection => "角色与贡献", "Roles and contributions";
    KocNoRoles => "没有角色", "No roles";
    KocUntil => "至 {day}", "until {day}";
    ToastRoleAssigned => "已指派 {n} 人", "Assigned {n}";
    ToastRoleAppointed => "已任命", "Appointed";
    ToastRoleEnded => "已卸任（记录保留）", "Role ended (history kept)";
    ToastRoleChanged => "已换角色", "Role changed";
    ToastRoleSaved => "已保存角色设置", "Roles saved";
    ToastContributionAdded => "已记录贡献", "Contribution logged";
    ToastContributionDeleted => "已删除贡献", "Contribution deleted";
    ToastDaySaved => "已保存 {group} {day} 的数据", "Saved {group} on {day}";
    ToastDayDeleted => "已删除 {group} {day} 的数据", "Deleted {group} on {day}";
    ToastThresholdsSaved => "预警设置已保存", "Alert settings saved";
    ToastReportSaved => "周报已保存到 {path}", "Weekly report saved to {path}";
    ToastReportNoBrowser => "没有找到 Chromium、Chrome 或 Edge 来生成长图。请保存为网页（HTML）后截图，或安装 Chromium。", "No Chromium, Chrome or Edge found to draw the image. Save the report as a web page (HTML) and take a screenshot, or install Chromium.";
    ToastSignalRulesSaved => "信号规则已保存", "Signal rules saved";
    ToastServiceRulesSaved => "待回复规则已保存", "Unanswered-question rules saved";
    ToastHealthExported => "已导出到 {path}", "Exported to {path}";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_of_one_reads_in_the_singular_in_english_only() {
        assert_eq!(fill("{n} customers", &[("n", "1")]), "1 customer");
        assert_eq!(fill("{n} customers", &[("n", "2")]), "2 customers");
        assert_eq!(
            fill(
                "{n} of {total} groups need attention",
                &[("n", "1"), ("total", "1")]
            ),
            "1 of 1 group need attention"
        );
        assert_eq!(
            fill("Quiet for {n} days.", &[("n", "1")]),
            "Quiet for 1 day."
        );
        assert_eq!(fill("共 {n} 位客户", &[("n", "1")]), "共 1 位客户");
        assert_eq!(fill("{n} class", &[("n", "1")]), "1 class");
        assert_eq!(fill("{n}", &[("n", "1")]), "1");
    }

    #[test]
    fn every_key_has_text_in_both_languages() {
        for key in Key::ALL {
            assert!(!key.zh().trim().is_empty(), "{key:?} has no Chinese");
            assert!(!key.en().trim().is_empty(), "{key:?} has no English");
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        for key in Key::ALL {
            let holes = |s: &str| {
                let mut v: Vec<String> = s
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                    .collect();
                v.sort();
                v
            };
            assert_eq!(holes(key.zh()), holes(key.en()), "{key:?}");
        }
    }

    #[test]
    fn locale_picks_chinese_only_for_zh() {
        assert_eq!(Lang::from_locale(Some("zh-CN")), Lang::Zh);
        assert_eq!(Lang::from_locale(Some("zh_TW")), Lang::Zh);
        assert_eq!(Lang::from_locale(Some("en-US")), Lang::En);
        assert_eq!(Lang::from_locale(Some("C")), Lang::En);
        assert_eq!(Lang::from_locale(None), Lang::En);
    }

    #[test]
    fn fill_replaces_named_holes() {
        assert_eq!(fill(Key::MatchCount.zh(), &[("n", "3")]), "共 3 位客户");
    }
}
