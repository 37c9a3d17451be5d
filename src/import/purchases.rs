//! Order exports (有赞, 淘宝, 天猫/千牛, 抖店, 京东, a 小程序商城, a hand-kept sheet) -> one
//! [`PurchaseRecord`] per row.
//!
//! The columns are found by header synonyms, each list in order of preference. A purchases file
//! needs an amount, a time (payment time, else order time) and at least one way to find the
//! customer: 外部联系人ID, a phone, 微信号 or a name. A row of an order that was never paid
//! (交易关闭, 已取消, 待付款 …, or no payment time and nothing paid) is rejected as `not_paid`,
//! which the job counts as skipped. Masked phones and names (`138****8001`, `王*`) identify
//! nobody and are left out of the buyer's keys. Which customer the keys name, and whether the
//! order is already stored, is the store's business (`store::purchase_import`).

use chrono::FixedOffset;

use crate::domain::purchase::parse_yuan;
use crate::domain::time::Stamp;
use crate::import::contacts::RowRejection;
use crate::import::dates::parse_datetime;
use crate::import::mapping::normalize_header;
use crate::import::normalize::{is_masked, normalize_name, normalize_phone};
use crate::import::table::RawRow;

const EXTERNAL_ID: &[&str] = &["外部联系人ID", "external_userid", "external_id", "客户ID"];
/// Phones, tried in this order: the receiver's, the buyer's, the contact's.
const PHONE: &[&str] = &[
    "收货人手机号/提货人手机号",
    "收货人手机号",
    "收货人手机",
    "收货人电话",
    "买家手机号",
    "买家手机",
    "联系手机",
    "联系电话",
    "收件人手机号",
    "收件人电话",
    "手机号",
    "手机号码",
    "手机",
    "电话",
    "phone",
    "mobile",
];
const WECHAT: &[&str] = &["微信号", "微信ID", "微信", "wechat", "wechat_id"];
/// Names, tried in this order: the receiver's, then the buyer's.
const NAME: &[&str] = &[
    "收货人/提货人",
    "收货人姓名",
    "收货人",
    "收件人",
    "客户姓名",
    "客户名称",
    "客户",
    "姓名",
    "备注名",
    "买家昵称",
    "买家",
    "昵称",
    "name",
    "customer",
];
/// 天猫's 收货地址 `王芳，86-13800138001，浙江省…` names the receiver and their phone.
const ADDRESS: &[&str] = &["收货地址", "收货信息"];
/// When the buyer paid (what a purchase's time is).
const PAID_AT: &[&str] = &[
    "买家付款时间",
    "订单付款时间",
    "支付完成时间",
    "付款时间",
    "支付时间",
    "paid_at",
];
/// When the order was placed: the time of files without a payment time (千牛 xlsx, 京东).
const ORDERED_AT: &[&str] = &[
    "订单创建时间",
    "下单时间",
    "订单提交时间",
    "成交时间",
    "订单时间",
    "购买时间",
    "创建时间",
    "购买日期",
    "下单日期",
    "订单日期",
    "order_date",
    "date",
];
/// What the buyer paid first (客单价 is about that), then the order total.
const AMOUNT: &[&str] = &[
    "订单实付金额",
    "买家实际支付金额",
    "实付金额",
    "实付款",
    "实收金额",
    "支付金额",
    "付款金额",
    "成交金额",
    "订单应付金额",
    "总金额",
    "订单金额",
    "消费金额",
    "金额",
    "amount",
    "total",
];
const ITEMS: &[&str] = &[
    "全部商品名称",
    "商品",
    "商品名称",
    "商品信息",
    "商品明细",
    "购买商品",
    "选购商品",
    "宝贝标题",
    "品名",
    "items",
    "product",
];
/// The order number; 抖店's 主订单编号 before its 子订单编号 (one order, several rows).
const ORDER_NO: &[&str] = &[
    "主订单编号",
    "订单号",
    "订单编号",
    "订单ID",
    "交易单号",
    "order_no",
    "order_id",
];
const STATUS: &[&str] = &["订单状态", "交易状态", "status", "order_status"];
const DISCOUNT: &[&str] = &[
    "是否优惠",
    "优惠",
    "优惠金额",
    "优惠券",
    "折扣",
    "活动",
    "discounted",
    "discount",
];

/// Every header list a purchases file is recognised by.
const ALL_LISTS: [&[&str]; 12] = [
    EXTERNAL_ID,
    PHONE,
    WECHAT,
    NAME,
    ADDRESS,
    PAID_AT,
    ORDERED_AT,
    AMOUNT,
    ITEMS,
    ORDER_NO,
    STATUS,
    DISCOUNT,
];

/// Order statuses of orders that were never paid, or were closed before payment.
const NOT_PAID_STATUSES: [&str; 9] = [
    "交易关闭",
    "已关闭",
    "已取消",
    "待付款",
    "未付款",
    "等待买家付款",
    "closed",
    "cancelled",
    "unpaid",
];

/// Every header a purchases file is recognised by (detection uses it to find the header row).
pub fn is_purchase_header(cell: &str) -> bool {
    let norm = normalize_header(cell);
    ALL_LISTS
        .iter()
        .any(|names| names.iter().any(|n| normalize_header(n) == norm))
}

/// Where the columns of a purchases file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseColumns {
    pub external_id: Option<usize>,
    /// Phone columns in order of preference.
    pub phones: Vec<usize>,
    pub wechat_id: Option<usize>,
    /// Name columns in order of preference.
    pub names: Vec<usize>,
    pub address: Option<usize>,
    pub paid_at: Option<usize>,
    pub ordered_at: Option<usize>,
    pub amount: usize,
    pub items: Option<usize>,
    pub order_no: Option<usize>,
    pub status: Option<usize>,
    pub discount: Option<usize>,
}

impl PurchaseColumns {
    /// Finds the columns; `None` unless there is a time, an amount and a way to find the customer.
    pub fn locate(headers: &[String]) -> Option<Self> {
        let norm: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
        let all = |names: &[&str]| -> Vec<usize> {
            let mut found = Vec::new();
            for n in names {
                let n = normalize_header(n);
                for (i, h) in norm.iter().enumerate() {
                    if *h == n && !found.contains(&i) {
                        found.push(i);
                    }
                }
            }
            found
        };
        let first = |names: &[&str]| all(names).first().copied();
        let cols = Self {
            external_id: first(EXTERNAL_ID),
            phones: all(PHONE),
            wechat_id: first(WECHAT),
            names: all(NAME),
            address: first(ADDRESS),
            paid_at: first(PAID_AT),
            ordered_at: first(ORDERED_AT),
            amount: first(AMOUNT)?,
            items: first(ITEMS),
            order_no: first(ORDER_NO),
            status: first(STATUS),
            discount: first(DISCOUNT),
        };
        cols.is_usable().then_some(cols)
    }

    /// Whether rows can become purchases: a time, and a way to find the buyer.
    fn is_usable(&self) -> bool {
        let timed = self.paid_at.is_some() || self.ordered_at.is_some();
        let identified = self.external_id.is_some()
            || !self.phones.is_empty()
            || self.wechat_id.is_some()
            || !self.names.is_empty()
            || self.address.is_some();
        timed && identified
    }

    /// The columns the user chose, one field (or none) per column; `None` without an amount,
    /// a time and a buyer column. A field chosen twice (two phone columns) is tried in order.
    pub fn from_fields(fields: &[Option<PurchaseField>]) -> Option<Self> {
        let all = |wanted: PurchaseField| -> Vec<usize> {
            (0..fields.len())
                .filter(|&i| fields[i] == Some(wanted))
                .collect()
        };
        let first = |wanted: PurchaseField| all(wanted).first().copied();
        let cols = Self {
            external_id: first(PurchaseField::ExternalId),
            phones: all(PurchaseField::Phone),
            wechat_id: first(PurchaseField::WechatId),
            names: all(PurchaseField::Name),
            address: first(PurchaseField::Address),
            paid_at: first(PurchaseField::Date),
            ordered_at: None,
            amount: first(PurchaseField::Amount)?,
            items: first(PurchaseField::Items),
            order_no: first(PurchaseField::OrderNo),
            status: first(PurchaseField::Status),
            discount: first(PurchaseField::Discount),
        };
        cols.is_usable().then_some(cols)
    }

    /// The field each of `n` columns is read as (the inverse of [`from_fields`](Self::from_fields)),
    /// for the review's mapping row.
    pub fn fields(&self, n: usize) -> Vec<Option<PurchaseField>> {
        let mut fields = vec![None; n];
        for (field, _, index) in self.describe(&vec![String::new(); n]) {
            if let Some(slot) = fields.get_mut(index) {
                *slot = Some(field);
            }
        }
        fields
    }

    /// The header and column index each purchase field is read from, for the import screen.
    pub fn describe(&self, headers: &[String]) -> Vec<(PurchaseField, String, usize)> {
        let mut pairs = vec![(PurchaseField::ExternalId, self.external_id)];
        pairs.extend(self.phones.iter().map(|&i| (PurchaseField::Phone, Some(i))));
        pairs.push((PurchaseField::WechatId, self.wechat_id));
        pairs.extend(self.names.iter().map(|&i| (PurchaseField::Name, Some(i))));
        pairs.extend([
            (PurchaseField::Address, self.address),
            (PurchaseField::Date, self.paid_at.or(self.ordered_at)),
            (PurchaseField::Amount, Some(self.amount)),
            (PurchaseField::Items, self.items),
            (PurchaseField::OrderNo, self.order_no),
            (PurchaseField::Status, self.status),
            (PurchaseField::Discount, self.discount),
        ]);
        pairs
            .into_iter()
            .filter_map(|(field, index)| {
                let index = index?;
                Some((field, headers.get(index)?.clone(), index))
            })
            .collect()
    }
}

/// What a column of a purchases file means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PurchaseField {
    ExternalId,
    Phone,
    WechatId,
    Name,
    Address,
    Date,
    Amount,
    Items,
    OrderNo,
    Status,
    Discount,
}

impl PurchaseField {
    /// Every field, in the order the mapping menu lists them.
    pub const ALL: [PurchaseField; 11] = [
        PurchaseField::OrderNo,
        PurchaseField::Date,
        PurchaseField::Amount,
        PurchaseField::Items,
        PurchaseField::Status,
        PurchaseField::Discount,
        PurchaseField::Phone,
        PurchaseField::Name,
        PurchaseField::WechatId,
        PurchaseField::ExternalId,
        PurchaseField::Address,
    ];

    /// The name `qunzhu import --map HEADER=KEY` uses.
    pub fn key(self) -> &'static str {
        match self {
            PurchaseField::ExternalId => "external_id",
            PurchaseField::Phone => "phone",
            PurchaseField::WechatId => "wechat_id",
            PurchaseField::Name => "name",
            PurchaseField::Address => "address",
            PurchaseField::Date => "paid_at",
            PurchaseField::Amount => "amount",
            PurchaseField::Items => "items",
            PurchaseField::OrderNo => "order_no",
            PurchaseField::Status => "status",
            PurchaseField::Discount => "discount",
        }
    }
}

/// Who bought, as the row says it; the store tries these in this order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BuyerKeys {
    pub external_id: Option<String>,
    /// Normalised phone digits (see [`normalize_phone`]), in order of preference.
    pub phones: Vec<String>,
    pub wechat_id: Option<String>,
    /// Names, in order of preference.
    pub names: Vec<String>,
    /// The row named its buyer only by masked values (`138****8001`, `王*`).
    pub masked: bool,
}

impl BuyerKeys {
    /// Whether the row names the buyer at all (masked values do not count).
    pub fn is_empty(&self) -> bool {
        self.external_id.is_none()
            && self.phones.is_empty()
            && self.wechat_id.is_none()
            && self.names.is_empty()
    }
}

/// One order row, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseRecord {
    pub row_number: usize,
    pub buyer: BuyerKeys,
    pub at: Stamp,
    pub amount_cents: i64,
    pub items: String,
    pub order_no: Option<String>,
    pub discounted: bool,
}

/// A discount cell: a positive amount (优惠金额 5.00) or a yes word (是, Y, 1, √).
pub fn is_discounted(cell: &str) -> bool {
    let t = cell.trim();
    if parse_yuan(t).is_some_and(|cents| cents > 0) {
        return true;
    }
    matches!(
        t.to_lowercase().as_str(),
        "是" | "有" | "y" | "yes" | "true" | "√" | "✓" | "优惠" | "折扣"
    )
}

/// Whether an order status says the order was never paid.
pub fn is_not_paid_status(cell: &str) -> bool {
    let t = cell.trim().to_lowercase();
    !t.is_empty() && NOT_PAID_STATUSES.iter().any(|s| t.contains(s))
}

/// An order number cell: Excel may have turned `2024030500123` into `2024030500123.0`.
fn order_number(cell: &str) -> Option<String> {
    let t = cell.trim();
    let t = match t.strip_suffix(".0") {
        Some(digits) if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) => digits,
        _ => t,
    };
    (!t.is_empty()).then(|| t.to_string())
}

/// The receiver's name and phone inside a 天猫 address `王芳，86-13800138001，浙江省…`.
fn address_parts(cell: &str) -> Option<(&str, &str)> {
    let mut parts = cell.split(['，', ',']).map(str::trim);
    let name = parts.next()?;
    let phone = parts.next()?;
    parts.next()?;
    Some((name, phone))
}

fn reject(row: &RawRow, reason_code: &'static str, detail: String) -> RowRejection {
    RowRejection {
        row_number: row.row_number,
        reason_code,
        detail,
    }
}

/// The buyer's keys a row gives; masked values are left out and noted.
fn buyer_keys(row: &RawRow, cols: &PurchaseColumns) -> BuyerKeys {
    let text = |i: Option<usize>| {
        i.map(|i| row.cell(i).trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let mut keys = BuyerKeys {
        external_id: text(cols.external_id),
        wechat_id: text(cols.wechat_id),
        ..BuyerKeys::default()
    };
    let mut phone_cells: Vec<&str> = cols.phones.iter().map(|&i| row.cell(i)).collect();
    let mut name_cells: Vec<&str> = cols.names.iter().map(|&i| row.cell(i)).collect();
    if let Some((name, phone)) = cols.address.and_then(|i| address_parts(row.cell(i))) {
        name_cells.push(name);
        phone_cells.push(phone);
    }
    for cell in phone_cells {
        if is_masked(cell) {
            keys.masked = true;
        } else if let Some(phone) = normalize_phone(cell)
            && !keys.phones.contains(&phone)
        {
            keys.phones.push(phone);
        }
    }
    for cell in name_cells {
        let name = normalize_name(cell);
        if is_masked(&name) {
            keys.masked = true;
        } else if !name.is_empty() && !keys.names.contains(&name) {
            keys.names.push(name);
        }
    }
    keys
}

/// Reads one order row: an unpaid order is `not_paid`; an unreadable time or amount is rejected.
/// A row naming no buyer is returned with empty keys: the store first checks whether its order
/// is already stored, then reports it as a masked or missing buyer.
pub fn purchase_from_row(
    row: &RawRow,
    cols: &PurchaseColumns,
    tz: FixedOffset,
) -> Result<PurchaseRecord, RowRejection> {
    let order_no = cols.order_no.and_then(|i| order_number(row.cell(i)));
    let order_label = order_no.clone().unwrap_or_default();
    if let Some(status) = cols.status.map(|i| row.cell(i))
        && is_not_paid_status(status)
    {
        return Err(reject(
            row,
            "not_paid",
            format!("{order_label} {}", status.trim()),
        ));
    }
    let amount_text = row.cell(cols.amount);
    let amount = parse_yuan(amount_text);
    let paid_text = cols.paid_at.map_or("", |i| row.cell(i).trim());
    if cols.paid_at.is_some() && paid_text.is_empty() && amount.unwrap_or(0) == 0 {
        return Err(reject(row, "not_paid", order_label));
    }
    let date_text = if paid_text.is_empty() {
        cols.ordered_at.map_or("", |i| row.cell(i))
    } else {
        paid_text
    };
    let at = parse_datetime(date_text, tz)
        .ok_or_else(|| reject(row, "bad_date", format!("{:?}", date_text.trim())))?;
    let amount_cents =
        amount.ok_or_else(|| reject(row, "bad_amount", format!("{:?}", amount_text.trim())))?;
    Ok(PurchaseRecord {
        row_number: row.row_number,
        buyer: buyer_keys(row, cols),
        at: Stamp {
            unix_s: at.timestamp(),
            offset_min: at.offset().local_minus_utc() / 60,
        },
        amount_cents,
        items: cols
            .items
            .map(|i| row.cell(i).trim().to_string())
            .unwrap_or_default(),
        order_no,
        discounted: cols.discount.is_some_and(|i| is_discounted(row.cell(i))),
    })
}

impl crate::import::ColumnTarget for PurchaseField {
    const TARGETS: &'static [Self] = &PurchaseField::ALL;
    fn key(self) -> &'static str {
        PurchaseField::key(self)
    }
    fn from_headers(headers: &[String]) -> Vec<Option<Self>> {
        let n = headers.len();
        PurchaseColumns::locate(headers).map_or_else(|| vec![None; n], |c| c.fields(n))
    }
}

#[cfg(test)]
#[path = "purchases_tests.rs"]
mod tests;
