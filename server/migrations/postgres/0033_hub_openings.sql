-- 免申即享: cases the hub opened itself, without an application, one per trigger. The
-- trigger is a hire recorded on the job board: the hiring enterprise's confirmation of the
-- employment stands, and the row keeps why the hub opened the case (the employer, the post,
-- the profile facts that met the item's rules) for the applicant and the timeline.
CREATE TABLE hub_openings (
    case_id            BIGINT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    job_application_id BIGINT NOT NULL REFERENCES job_applications (id),
    item_code          TEXT NOT NULL,
    employer_name      TEXT NOT NULL,
    post_title_zh      TEXT NOT NULL,
    post_title_en      TEXT NOT NULL,
    reasons_zh         TEXT NOT NULL,
    reasons_en         TEXT NOT NULL,
    opened_at          BIGINT NOT NULL,
    UNIQUE (job_application_id, item_code)
);
