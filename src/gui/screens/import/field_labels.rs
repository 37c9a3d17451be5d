//! What each kind of file's columns can be mapped to, by label: the mapping row's menus.

use crate::gui::i18n::Key;
use crate::import::chat::ChatField;
use crate::import::purchases::PurchaseField;
use crate::import::{Field, Stat, StatField};

/// The label of a customer-list column's target.
pub fn contact_field(field: Field) -> Key {
    match field {
        Field::Name => Key::FieldName,
        Field::Remark => Key::FieldRemark,
        Field::Description => Key::FieldDescription,
        Field::Gender => Key::FieldGender,
        Field::Staff => Key::FieldStaff,
        Field::StaffUserid => Key::FieldStaffUserid,
        Field::Department => Key::FieldDepartment,
        Field::AddTime => Key::FieldAdded,
        Field::Source => Key::FieldSource,
        Field::Tags => Key::FieldTags,
        Field::Phone => Key::FieldPhone,
        Field::Corp => Key::FieldCorp,
        Field::ExternalUserid => Key::FieldExternalId,
        Field::WechatId => Key::FieldWechat,
        Field::Wxid => Key::FieldWxid,
        Field::GroupedTags => Key::FieldGroupedTags,
    }
}

/// The label of an order-export column's target.
pub fn purchase_field(field: PurchaseField) -> Key {
    match field {
        PurchaseField::ExternalId => Key::FieldExternalId,
        PurchaseField::Phone => Key::FieldPhone,
        PurchaseField::WechatId => Key::FieldWechat,
        PurchaseField::Name => Key::FieldName,
        PurchaseField::Date => Key::PfDate,
        PurchaseField::Amount => Key::PfAmount,
        PurchaseField::Items => Key::PfItems,
        PurchaseField::OrderNo => Key::PfOrderNo,
        PurchaseField::Discount => Key::PfDiscount,
        PurchaseField::Address => Key::PfAddress,
        PurchaseField::Status => Key::PfStatus,
    }
}

/// The label of a group-statistics column's target.
pub fn stat_field(field: StatField) -> Key {
    match field {
        StatField::Date => Key::SfDate,
        StatField::GroupName => Key::SfGroupName,
        StatField::Owner => Key::SfOwner,
        StatField::ChatId => Key::SfChatId,
        StatField::Created => Key::SfCreated,
        StatField::Count(stat) => match stat {
            Stat::MemberTotal => Key::SfMemberTotal,
            Stat::Joins => Key::SfJoins,
            Stat::Leaves => Key::SfLeaves,
            Stat::Speakers => Key::SfSpeakers,
            Stat::Messages => Key::SfMessages,
            Stat::NewGroups => Key::SfNewGroups,
            Stat::GroupTotal => Key::SfGroupTotal,
            Stat::GroupsWithMessages => Key::SfGroupsWithMessages,
        },
    }
}

/// The label of a chat column's target.
pub fn chat_field(field: ChatField) -> Key {
    match field {
        ChatField::Time => Key::CfTime,
        ChatField::Sender => Key::CfSender,
        ChatField::Content => Key::CfContent,
        ChatField::Type => Key::CfType,
        ChatField::Conversation => Key::CfConversation,
        ChatField::Own => Key::CfOwn,
        ChatField::SenderName => Key::CfSenderName,
    }
}
