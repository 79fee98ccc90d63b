-- One row per thing the report gives figures for, so that every measure a question can ask for
-- is a column of one relation (the planner's measures are expressions over these columns).
-- kind: bureau | division | line (Ⅳ's 43 lines) | project_row (the rows of Ⅲ's budget tables,
-- with the year-end outlook) | revenue (세입 items; `budget` is the ’21 budget).
-- A figure a kind does not have is NULL; for amounts of a line NULL is the report's '-' (미집행).
CREATE TABLE figures AS
SELECT 'bureau' AS kind, s.division AS name, NULL::VARCHAR AS division, 0 AS position,
       NULL::INTEGER AS project_no, NULL::INTEGER AS line_no,
       s.budget, s.committed, s.spent, s.committed_rate, s.committed_rate_printed,
       s.spent_rate, s.spent_rate_printed,
       NULL::BIGINT AS outlook_amount, NULL::DOUBLE AS outlook_rate,
       NULL::VARCHAR AS outlook_rate_printed,
       p.quota, p.current, p.shortage, p.administrative, p.technical, p.open_position,
       p.fixed_term, p.management, p.part_time_fixed_term,
       NULL::BIGINT AS budget_2020, NULL::BIGINT AS change_amount, NULL::DOUBLE AS change_rate,
       NULL::VARCHAR AS change_rate_printed, NULL::BIGINT AS collected,
       NULL::DOUBLE AS collection_rate, NULL::VARCHAR AS collection_rate_printed,
       NULL::VARCHAR AS parent, NULL::INTEGER AS level,
       (SELECT count(*) FROM budget_lines) AS line_count,
       (SELECT count(*) FROM budget_lines WHERE spent IS NULL) AS unexecuted_count,
       s.source, p.source AS staff_source
FROM spending s JOIN personnel p ON p.is_total
WHERE s.section = 'Ⅰ' AND s.is_total
UNION ALL
SELECT 'division', s.division, s.division, d.position, NULL, NULL,
       s.budget, s.committed, s.spent, s.committed_rate, s.committed_rate_printed,
       s.spent_rate, s.spent_rate_printed, NULL, NULL, NULL,
       p.quota, p.current, p.shortage, p.administrative, p.technical, p.open_position,
       p.fixed_term, p.management, p.part_time_fixed_term,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       (SELECT count(*) FROM budget_lines b WHERE b.division = s.division),
       (SELECT count(*) FROM budget_lines b WHERE b.division = s.division AND b.spent IS NULL),
       s.source, p.source
FROM spending s JOIN divisions d USING (division) JOIN personnel p USING (division)
WHERE s.section = 'Ⅰ' AND NOT s.is_total
UNION ALL
SELECT 'line', l.name, l.division, l.line_no, b.project_no, l.line_no,
       l.budget, l.committed, l.spent, l.committed_rate, l.committed_rate_printed,
       l.spent_rate, l.spent_rate_printed, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       l.source, NULL
FROM budget_lines l LEFT JOIN project_budgets b USING (line_no)
UNION ALL
SELECT 'project_row', b.name, p.division, 100 * b.project_no + row_number() OVER (
           PARTITION BY b.project_no ORDER BY b.source), b.project_no, b.line_no,
       b.budget, b.committed, b.spent, b.committed_rate, b.committed_rate_printed,
       b.spent_rate, b.spent_rate_printed, b.outlook_amount, b.outlook_rate,
       b.outlook_rate_printed,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       b.source, NULL
FROM project_budgets b JOIN projects p USING (project_no)
UNION ALL
SELECT 'revenue', r.item, NULL, r.position, NULL, NULL,
       r.budget_2021, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       r.budget_2020, r.change_amount, r.change_rate, r.change_rate_printed, r.collected,
       r.collection_rate, r.collection_rate_printed, r.parent, r.level, NULL, NULL,
       r.source, NULL
FROM revenue r;
