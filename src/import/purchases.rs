//! Order exports (a shop back office, a 小程序商城, a hand-kept sheet) -> one [`PurchaseRecord`]
//! per row.
//!
//! The columns are found by header synonyms. A purchases file needs a date, an amount and at
//! least one way to find the customer: 外部联系人ID, phone, 微信号 or name. Which customer that
//! is, is the store's business (`store::purchase_import`); this module only reads the row.

use chrono::FixedOffset;

use crate::domain::purchase::parse_yuan;
use crate::domain::time::Stamp;
use crate::import::contacts::RowRejection;
use crate::import::dates::parse_datetime;
use crate::import::mapping::normalize_header;
use crate::import::normalize::normalize_phone;
use crate::import::table::RawRow;

/// A column a purchases file can have, with its header synonyms in order of preference
/// (实付金额 beats 订单金额: what the customer actually paid is what 客单价 is about).
const EXTERNAL_ID: &[&str] = &["外部联系人ID", "external_userid", "external_id", "客户ID"];
const PHONE: &[&str] = &[
    "手机号",
    "手机号码",
    "手机",
    "联系电话",
    "电话",
    "收货人手机",
    "收货人电话",
    "买家手机",
    "phone",
    "mobile",
];
const WECHAT: &[&str] = &["微信号", "微信ID", "微信", "wechat", "wechat_id"];
const NAME: &[&str] = &[
    "客户名称",
    "客户姓名",
    "客户",
    "姓名",
    "备注名",
    "买家昵称",
    "买家",
    "收货人",
    "昵称",
    "name",
    "customer",
];
const DATE: &[&str] = &[
    "付款时间",
    "支付时间",
    "下单时间",
    "成交时间",
    "订单时间",
    "购买时间",
    "购买日期",
    "下单日期",
    "订单日期",
    "paid_at",
    "order_date",
    "date",
];
const AMOUNT: &[&str] = &[
    "实付金额",
    "实付款",
    "实收金额",
    "支付金额",
    "付款金额",
    "成交金额",
    "订单金额",
    "消费金额",
    "金额",
    "amount",
    "total",
];
const ITEMS: &[&str] = &[
    "商品",
    "商品名称",
    "商品信息",
    "商品明细",
    "购买商品",
    "宝贝标题",
    "品名",
    "items",
    "product",
];
const ORDER_NO: &[&str] = &[
    "订单号",
    "订单编号",
    "订单ID",
    "交易单号",
    "order_no",
    "order_id",
];
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

/// Every header a purchases file is recognised by (detection uses it to find the header row).
pub fn is_purchase_header(cell: &str) -> bool {
    let norm = normalize_header(cell);
    [
        EXTERNAL_ID,
        PHONE,
        WECHAT,
        NAME,
        DATE,
        AMOUNT,
        ITEMS,
        ORDER_NO,
        DISCOUNT,
    ]
    .iter()
    .any(|names| names.iter().any(|n| normalize_header(n) == norm))
}

/// Where the columns of a purchases file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseColumns {
    pub external_id: Option<usize>,
    pub phone: Option<usize>,
    pub wechat_id: Option<usize>,
    pub name: Option<usize>,
    pub date: usize,
    pub amount: usize,
    pub items: Option<usize>,
    pub order_no: Option<usize>,
    pub discount: Option<usize>,
}

impl PurchaseColumns {
    /// Finds the columns; `None` unless there is a date, an amount and a way to find the customer.
    pub fn locate(headers: &[String]) -> Option<Self> {
        let norm: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
        let find = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| norm.iter().position(|h| *h == normalize_header(n)))
        };
        let cols = Self {
            external_id: find(EXTERNAL_ID),
            phone: find(PHONE),
            wechat_id: find(WECHAT),
            name: find(NAME),
            date: find(DATE)?,
            amount: find(AMOUNT)?,
            items: find(ITEMS),
            order_no: find(ORDER_NO),
            discount: find(DISCOUNT),
        };
        let identified = cols.external_id.is_some()
            || cols.phone.is_some()
            || cols.wechat_id.is_some()
            || cols.name.is_some();
        identified.then_some(cols)
    }

    /// The header and column index each purchase field is read from, for the import screen.
    pub fn describe(&self, headers: &[String]) -> Vec<(PurchaseField, String, usize)> {
        let pairs = [
            (PurchaseField::ExternalId, self.external_id),
            (PurchaseField::Phone, self.phone),
            (PurchaseField::WechatId, self.wechat_id),
            (PurchaseField::Name, self.name),
            (PurchaseField::Date, Some(self.date)),
            (PurchaseField::Amount, Some(self.amount)),
            (PurchaseField::Items, self.items),
            (PurchaseField::OrderNo, self.order_no),
            (PurchaseField::Discount, self.discount),
        ];
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
    Date,
    Amount,
    Items,
    OrderNo,
    Discount,
}

/// Who bought, as the row says it; the store tries these in this order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BuyerKeys {
    pub external_id: Option<String>,
    /// Normalised digits (see [`normalize_phone`]).
    pub phone: Option<String>,
    pub wechat_id: Option<String>,
    pub name: Option<String>,
}

impl BuyerKeys {
    /// Whether the row names the buyer at all.
    pub fn is_empty(&self) -> bool {
        self.external_id.is_none()
            && self.phone.is_none()
            && self.wechat_id.is_none()
            && self.name.is_none()
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

/// An order number cell: Excel may have turned `2024030500123` into `2024030500123.0`.
fn order_number(cell: &str) -> Option<String> {
    let t = cell.trim();
    let t = match t.strip_suffix(".0") {
        Some(digits) if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) => digits,
        _ => t,
    };
    (!t.is_empty()).then(|| t.to_string())
}

fn reject(row: &RawRow, reason_code: &'static str, detail: String) -> RowRejection {
    RowRejection {
        row_number: row.row_number,
        reason_code,
        detail,
    }
}

/// Reads one order row; an unreadable date or amount, or a row naming no buyer, is rejected.
pub fn purchase_from_row(
    row: &RawRow,
    cols: &PurchaseColumns,
    tz: FixedOffset,
) -> Result<PurchaseRecord, RowRejection> {
    let text = |i: Option<usize>| {
        i.map(|i| row.cell(i).trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let buyer = BuyerKeys {
        external_id: text(cols.external_id),
        phone: cols
            .phone
            .and_then(|i| normalize_phone(row.cell(i)))
            .filter(|p| !p.is_empty()),
        wechat_id: text(cols.wechat_id),
        name: text(cols.name),
    };
    if buyer.is_empty() {
        return Err(reject(row, "no_buyer", String::new()));
    }
    let date_text = row.cell(cols.date);
    let at = parse_datetime(date_text, tz)
        .ok_or_else(|| reject(row, "bad_date", format!("{:?}", date_text.trim())))?;
    let amount_text = row.cell(cols.amount);
    let amount_cents = parse_yuan(amount_text)
        .ok_or_else(|| reject(row, "bad_amount", format!("{:?}", amount_text.trim())))?;
    Ok(PurchaseRecord {
        row_number: row.row_number,
        buyer,
        at: Stamp {
            unix_s: at.timestamp(),
            offset_min: at.offset().local_minus_utc() / 60,
        },
        amount_cents,
        items: text(cols.items).unwrap_or_default(),
        order_no: cols.order_no.and_then(|i| order_number(row.cell(i))),
        discounted: cols.discount.is_some_and(|i| is_discounted(row.cell(i))),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;
    use crate::import::CHINA_STANDARD_TIME;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn row(n: usize, cells: &[&str]) -> RawRow {
        RawRow {
            row_number: n,
            cells: strings(cells),
        }
    }

    #[test]
    fn columns_are_found_by_synonyms_preferring_what_was_paid() {
        let headers = strings(&[
            "订单编号",
            "下单时间",
            "买家昵称",
            "手机号",
            "订单金额",
            "实付金额",
            "商品名称",
            "优惠金额",
        ]);
        let cols = PurchaseColumns::locate(&headers).unwrap();
        assert_eq!(cols.amount, 5, "实付金额 wins over 订单金额");
        assert_eq!((cols.date, cols.name, cols.phone), (1, Some(2), Some(3)));
        assert_eq!(
            (cols.order_no, cols.items, cols.discount),
            (Some(0), Some(6), Some(7))
        );
        assert_eq!(cols.external_id, None);
        let described = cols.describe(&headers);
        assert!(described.contains(&(PurchaseField::Amount, "实付金额".to_string(), 5)));
    }

    #[test]
    fn a_file_without_amount_date_or_buyer_is_not_a_purchases_file() {
        assert!(PurchaseColumns::locate(&strings(&["姓名", "下单时间"])).is_none());
        assert!(PurchaseColumns::locate(&strings(&["姓名", "金额"])).is_none());
        assert!(PurchaseColumns::locate(&strings(&["下单时间", "金额", "商品"])).is_none());
        // A customer list is not one either.
        let wecom = strings(&["客户名称", "备注名", "添加人", "添加时间", "标签"]);
        assert!(PurchaseColumns::locate(&wecom).is_none());
    }

    #[test]
    fn rows_read_amounts_dates_and_buyers() {
        let headers = strings(&[
            "订单号",
            "付款时间",
            "客户",
            "手机",
            "实付款",
            "商品",
            "是否优惠",
        ]);
        let cols = PurchaseColumns::locate(&headers).unwrap();
        let r = purchase_from_row(
            &row(
                2,
                &[
                    "2024030500123.0",
                    "2024/3/5 14:02",
                    " 王芳 ",
                    "+86 138-0012-3456",
                    "¥1,299.00",
                    "白茶饼 ×2",
                    "是",
                ],
            ),
            &cols,
            CHINA_STANDARD_TIME,
        )
        .unwrap();
        assert_eq!(r.order_no.as_deref(), Some("2024030500123"));
        assert_eq!(r.amount_cents, 129_900);
        assert_eq!(r.buyer.name.as_deref(), Some("王芳"));
        assert_eq!(r.buyer.phone.as_deref(), Some("13800123456"));
        assert_eq!(r.at.local_day().to_string(), "2024-03-05");
        assert_eq!(r.at.offset_min, 480);
        assert!(r.discounted);
        assert_eq!(r.items, "白茶饼 ×2");
    }

    #[test]
    fn bad_rows_are_rejected_with_their_row_number() {
        let cols = PurchaseColumns::locate(&strings(&["客户", "下单时间", "金额"])).unwrap();
        let cases = [
            (row(3, &["王芳", "昨天", "10"]), "bad_date"),
            (row(4, &["王芳", "2024-03-05", "-10"]), "bad_amount"),
            (row(5, &["王芳", "2024-03-05", "十元"]), "bad_amount"),
            (row(6, &["  ", "2024-03-05", "10"]), "no_buyer"),
        ];
        for (r, code) in cases {
            let err = purchase_from_row(&r, &cols, CHINA_STANDARD_TIME).unwrap_err();
            assert_eq!((err.row_number, err.reason_code), (r.row_number, code));
        }
    }

    #[test]
    fn discount_cells() {
        for yes in ["是", "Y", "1", "5.00", "¥3", "√"] {
            assert!(is_discounted(yes), "{yes}");
        }
        for no in ["", "否", "0", "0.00", "N", "无"] {
            assert!(!is_discounted(no), "{no}");
        }
    }
}
