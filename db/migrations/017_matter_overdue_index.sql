-- DSH-1 当前超期 (overdue now) on the matters dashboard: matters still in hand (not closed,
-- withdrawn or waiting for the enterprise, whose clocks are paused) ordered by their earliest
-- running deadline, carrying every column the count groups and filters by. The count then
-- reads only the overdue entries of this index (an index-only scan), never the matter rows,
-- and never the closed matters that make up most of the table. The three deadlines are
-- included as well: PostgreSQL plans an index-only scan only when every column the query
-- names is in the index, and it does not see that they appear only inside least(…).
-- The expression and the predicate are written exactly as overdueCounts
-- (src/server/modules/matter-dashboard/figures.ts) writes them, so the planner matches them.
CREATE INDEX matter_overdue_idx ON matter ((least(sign_for_due_at, resolution_due_at, reply_due_at)))
  INCLUDE (region_code, created_at, category_id, handler_org_id, sign_for_due_at, resolution_due_at, reply_due_at)
  WHERE status NOT IN ('closed', 'withdrawn', 'waiting_enterprise');
