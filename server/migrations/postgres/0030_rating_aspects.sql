-- 好差评 sub-scores of an online service, each optional and on the same five levels as the
-- overall rating (5 非常满意 … 1 非常不满意).
ALTER TABLE cases ADD COLUMN rating_efficiency BIGINT CHECK (rating_efficiency BETWEEN 1 AND 5);
ALTER TABLE cases ADD COLUMN rating_guide BIGINT CHECK (rating_guide BETWEEN 1 AND 5);
ALTER TABLE cases ADD COLUMN rating_convenience BIGINT CHECK (rating_convenience BETWEEN 1 AND 5);
ALTER TABLE cases ADD COLUMN rating_ease BIGINT CHECK (rating_ease BETWEEN 1 AND 5);
