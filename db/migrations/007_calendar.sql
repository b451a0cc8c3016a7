-- MAT-4 the working calendar: the administrator's overrides of the PRC holiday arrangement
-- (the `chinese-days` package), one row a date; an override wins over the package.
-- Office hours live in app_setting under 'work_calendar.office_hours' as
-- { "sessions": [{ "start": "08:30", "end": "12:00" }, …], "summer": { "from": "06-01", "to": "09-30", "sessions": […] } | null };
-- without that row the code's defaults apply (docs/matters-clocks.md).
CREATE TABLE calendar_override (
  date        date PRIMARY KEY,
  working     boolean NOT NULL,
  note        text CHECK (note IS NULL OR length(note) <= 200),
  updated_by  bigint REFERENCES app_user (id) ON DELETE SET NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
