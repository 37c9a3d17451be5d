//! The editable copy of a customer's profile in the detail panel: plain strings a text field can
//! bind to, turned back into a `Customer` on save.

use crate::domain::customer::{Customer, Gender};

/// Text-field buffers for the profile fields.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct ProfileForm {
    pub name: String,
    pub remark: String,
    pub phone: String,
    pub wechat_id: String,
    pub gender: Gender,
    pub corp: String,
    pub city: String,
    pub source: String,
    pub description: String,
    pub external_id: String,
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

impl ProfileForm {
    /// The buffers for `customer`.
    pub fn from_customer(customer: &Customer) -> Self {
        Self {
            name: customer.name.clone(),
            remark: customer.remark.clone(),
            phone: customer.phone.clone().unwrap_or_default(),
            wechat_id: customer.wechat_id.clone().unwrap_or_default(),
            gender: customer.gender,
            corp: customer.corp.clone(),
            city: customer.city.clone(),
            source: customer.source.clone(),
            description: customer.description.clone(),
            external_id: customer.external_id.clone().unwrap_or_default(),
        }
    }

    /// `base` with the edited fields applied (fields the form does not show are kept).
    pub fn apply_to(&self, base: &Customer) -> Customer {
        Customer {
            name: self.name.trim().to_string(),
            remark: self.remark.trim().to_string(),
            phone: optional(&self.phone),
            wechat_id: optional(&self.wechat_id),
            gender: self.gender,
            corp: self.corp.trim().to_string(),
            city: self.city.trim().to_string(),
            source: self.source.trim().to_string(),
            description: self.description.trim().to_string(),
            external_id: optional(&self.external_id),
            ..base.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_the_customer_and_blank_becomes_none() {
        let customer = Customer {
            id: 7,
            name: "王昇".into(),
            phone: Some("13800123456".into()),
            custom: vec![("会员等级".into(), "金卡".into())],
            ..Customer::default()
        };
        let mut form = ProfileForm::from_customer(&customer);
        assert_eq!(form.apply_to(&customer), customer);
        form.phone = "  ".into();
        form.remark = " 王总 ".into();
        let saved = form.apply_to(&customer);
        assert_eq!(saved.phone, None);
        assert_eq!(saved.remark, "王总");
        assert_eq!(saved.custom, customer.custom);
    }
}
