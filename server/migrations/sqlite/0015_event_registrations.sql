-- Registration for events: one row per person and event. A seat is taken by a
-- 'registered' row; when the event is full people queue as 'waiting' in the order they
-- asked (queued_at, then id) and move up one per freed seat. `seats_taken` on the event
-- is the count of registered rows, kept in the same transactions, so that the check
-- "is there a seat" and taking it happen under the event row's lock.
ALTER TABLE events ADD COLUMN seats_taken INTEGER NOT NULL DEFAULT 0;

CREATE TABLE event_registrations (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events (id),
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    state         TEXT NOT NULL CHECK (state IN ('registered', 'waiting', 'cancelled')),
    queued_at     INTEGER NOT NULL,
    -- Shown as text and as a QR code; staff type or scan it at the door.
    checkin_code  TEXT NOT NULL UNIQUE,
    checked_in_at INTEGER,
    checked_in_by INTEGER REFERENCES accounts (id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (event_id, account_id)
);
CREATE INDEX event_registrations_queue ON event_registrations (event_id, state, queued_at, id);
CREATE INDEX event_registrations_account ON event_registrations (account_id);
