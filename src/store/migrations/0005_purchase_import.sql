-- Purchases imported from order exports: the shop's order number makes re-importing the same
-- file a no-op (hand-entered purchases have none).
ALTER TABLE purchases ADD COLUMN order_no TEXT;
CREATE UNIQUE INDEX purchases_order_no ON purchases(order_no) WHERE order_no IS NOT NULL;
CREATE INDEX purchases_by_batch ON purchases(batch_id) WHERE batch_id IS NOT NULL;
