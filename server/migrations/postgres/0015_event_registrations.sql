-- Registration for events: one row per person and event. A seat is taken by a
-- 'registered' row; when the event is full people queue as 'waiting' in the order they
-- asked (queued_at, then id) and move up one per freed seat. `seats_taken` on the event
-- is the count of registered rows, kept in the same transactions, so that the check
-- "is there a seat" and taking it happen under the event row's lock.
ALTER TABLE events ADD COLUMN seats_taken BIGINT NOT NULL DEFAULT 0;

CREATE TABLE event_registrations (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      BIGINT NOT NULL REFERENCES events (id),
    account_id    BIGINT NOT NULL REFERENCES accounts (id),
    state         TEXT NOT NULL CHECK (state IN ('registered', 'waiting', 'cancelled')),
    queued_at     BIGINT NOT NULL,
    -- Shown as text and as a QR code; staff type or scan it at the door.
    checkin_code  TEXT NOT NULL UNIQUE,
    checked_in_at BIGINT,
    checked_in_by BIGINT REFERENCES accounts (id),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    UNIQUE (event_id, account_id)
);
CREATE INDEX event_registrations_queue ON event_registrations (event_id, state, queued_at, id);
CREATE INDEX event_registrations_account ON event_registrations (account_id);
