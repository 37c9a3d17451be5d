//! Tests of the order-export reader (`import::purchases`).
#![allow(clippy::unwrap_used)] // Tests fail loudly.

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
    assert_eq!(
        (
            cols.ordered_at,
            cols.paid_at,
            cols.names.clone(),
            cols.phones.clone()
        ),
        (Some(1), None, vec![2], vec![3])
    );
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
    assert_eq!(r.buyer.names, ["王芳"]);
    assert_eq!(r.buyer.phones, ["13800123456"]);
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
    ];
    for (r, code) in cases {
        let err = purchase_from_row(&r, &cols, CHINA_STANDARD_TIME).unwrap_err();
        assert_eq!((err.row_number, err.reason_code), (r.row_number, code));
    }
}

#[test]
fn unpaid_orders_masked_buyers_and_shop_shapes() {
    let headers = strings(&[
        "订单编号",
        "买家会员名",
        "买家实际支付金额",
        "订单状态",
        "收货人姓名",
        "收货地址",
        "联系电话",
        "联系手机",
        "订单创建时间",
        "订单付款时间",
        "宝贝标题",
    ]);
    let cols = PurchaseColumns::locate(&headers).unwrap();
    let read = |cells: &[&str]| purchase_from_row(&row(2, cells), &cols, CHINA_STANDARD_TIME);
    let paid = read(&[
        "1894561230098765",
        "茶友老李",
        "110.00",
        "卖家已发货，等待买家确认",
        "李建国",
        "福建省 福州市",
        "0591-8888666",
        "13905712345",
        "2024-03-04 08:59:40",
        "2024-03-04 09:00:00",
        "白牡丹 50g",
    ])
    .unwrap();
    assert_eq!(
        paid.buyer.phones,
        ["13905712345", "05918888666"],
        "联系手机 first"
    );
    assert_eq!(
        paid.at.unix_s % 86_400,
        3_600,
        "the payment time, 09:00 Beijing"
    );
    assert_eq!(paid.amount_cents, 11_000);
    let closed = read(&[
        "1",
        "x",
        "0.00",
        "交易关闭",
        "赵敏",
        "",
        "",
        "",
        "2024-03-06 10:15:00",
        "",
        "",
    ]);
    assert_eq!(closed.unwrap_err().reason_code, "not_paid");
    let unpaid = read(&["2", "x", "0", "", "赵敏", "", "", "", "2024-03-06", "", ""]);
    assert_eq!(unpaid.unwrap_err().reason_code, "not_paid");
    let masked = read(&[
        "3",
        "",
        "58",
        "已发货",
        "王*",
        "",
        "",
        "138****8001",
        "",
        "2024-03-05",
        "",
    ])
    .unwrap();
    assert!(masked.buyer.is_empty() && masked.buyer.masked);
    let tmall = PurchaseColumns::locate(&strings(&[
        "订单编号",
        "总金额",
        "收货地址",
        "订单创建时间",
    ]))
    .unwrap();
    let r = purchase_from_row(
        &row(
            2,
            &[
                "9",
                "58",
                "王芳，86-13800138001，浙江省杭州市",
                "2024-03-05 09:00",
            ],
        ),
        &tmall,
        CHINA_STANDARD_TIME,
    )
    .unwrap();
    assert_eq!(
        (r.buyer.names.clone(), r.buyer.phones.clone()),
        (vec!["王芳".to_string()], vec!["13800138001".to_string()])
    );
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

#[test]
fn columns_chosen_by_hand_need_an_amount_a_time_and_a_buyer_and_round_trip() {
    use PurchaseField as F;
    let chosen = [
        Some(F::OrderNo),
        Some(F::Phone),
        Some(F::Amount),
        Some(F::Date),
        None,
    ];
    let cols = PurchaseColumns::from_fields(&chosen).unwrap();
    assert_eq!(
        (
            cols.order_no,
            cols.phones.clone(),
            cols.amount,
            cols.paid_at
        ),
        (Some(0), vec![1], 2, Some(3))
    );
    assert_eq!(
        cols.fields(5),
        chosen.to_vec(),
        "the mapping row shows the choice"
    );
    let no_buyer = [Some(F::OrderNo), None, Some(F::Amount), Some(F::Date), None];
    assert!(PurchaseColumns::from_fields(&no_buyer).is_none());
    let no_amount = [Some(F::OrderNo), Some(F::Phone), None, Some(F::Date), None];
    assert!(PurchaseColumns::from_fields(&no_amount).is_none());
    let row = row(
        2,
        &["A1", "138 0013 8000", "58.50", "2026-11-21 20:15", "茶杯"],
    );
    let record = purchase_from_row(&row, &cols, CHINA_STANDARD_TIME).unwrap();
    assert_eq!(record.amount_cents, 5850);
    assert_eq!(record.buyer.phones, vec!["13800138000".to_string()]);
}
