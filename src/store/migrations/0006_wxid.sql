-- WeChat's internal id (wxid_…) of a customer, from a WeChat contacts export: chat senders and
-- buyers are linked by it. 微信号 (wechat_id) was already there; now imports fill it too.
ALTER TABLE customers ADD COLUMN wxid TEXT;
CREATE INDEX customers_wxid ON customers(wxid) WHERE wxid IS NOT NULL;
