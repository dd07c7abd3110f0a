-- 003_similar.sql - fields that together point to a possible duplicate.
-- A new trainee whose folded name and birth date, or whose phone number,
-- match an existing one is shown the candidates before it is saved
-- (store_similar, the form's duplicate screen).  Fields with the same
-- non-zero "similar" number form one rule; the display field of a rule is
-- compared folded (through the search key), the others exactly.
ALTER TABLE meta_field ADD COLUMN similar INTEGER NOT NULL DEFAULT 0;
UPDATE meta_field SET similar = 1
 WHERE entity = 'trainee' AND name IN ('name_ar', 'birth_date');
UPDATE meta_field SET similar = 2 WHERE entity = 'trainee' AND name = 'phone';
-- the phone rule looks numbers up: most trainees have one
CREATE INDEX trainee_phone ON trainee(phone) WHERE phone IS NOT NULL;
