-- The report as tables. Amounts are in 천원 (integers); NULL amount = '-' in the report (nothing executed).
-- Rates are stored as numbers and as printed ('92.6%', '100%'); answers quote the printed form.
-- Every row keeps `source`: the report section and line number it was read from.

CREATE TABLE report (
    title VARCHAR, bureau VARCHAR, as_of DATE, unit VARCHAR, source_file VARCHAR
);

CREATE TABLE organization (           -- 조직: the bureau and the bodies it was formed from
    unit VARCHAR, structure VARCHAR, role VARCHAR, reorganized_on DATE, source VARCHAR
);

CREATE TABLE divisions (              -- 과, in report order
    division VARCHAR PRIMARY KEY, position INTEGER
);

CREATE TABLE personnel (              -- 인력 (정원/현원/과부족, 직종별 현원); is_total = 합계 row
    division VARCHAR, is_total BOOLEAN, quota INTEGER, current INTEGER, shortage INTEGER,
    subtotal INTEGER, administrative INTEGER, technical INTEGER, open_position INTEGER,
    fixed_term INTEGER, management INTEGER, part_time_fixed_term INTEGER, source VARCHAR
);

CREATE TABLE duties (                 -- 부서별 주요업무
    division VARCHAR, position INTEGER, duty VARCHAR, source VARCHAR
);

CREATE TABLE revenue (                -- 세입 총괄 (hierarchy by parent/level)
    item VARCHAR, parent VARCHAR, level INTEGER, position INTEGER,
    budget_2020 BIGINT, budget_2021 BIGINT, change_amount BIGINT,
    change_rate DOUBLE, change_rate_printed VARCHAR,
    collected BIGINT, collection_rate DOUBLE, collection_rate_printed VARCHAR, source VARCHAR
);

CREATE TABLE spending (               -- 세출: division and bureau totals, from section Ⅰ and from Ⅳ
    section VARCHAR, division VARCHAR, is_total BOOLEAN, budget BIGINT, committed BIGINT,
    spent BIGINT, committed_rate DOUBLE, committed_rate_printed VARCHAR,
    spent_rate DOUBLE, spent_rate_printed VARCHAR, source VARCHAR
);

CREATE TABLE budget_lines (           -- Ⅳ 세부사업별 예산집행 현황: the 43 lines
    line_no INTEGER PRIMARY KEY, division VARCHAR, name VARCHAR, budget BIGINT,
    committed BIGINT, spent BIGINT, committed_rate DOUBLE, committed_rate_printed VARCHAR,
    spent_rate DOUBLE, spent_rate_printed VARCHAR, source VARCHAR
);

CREATE TABLE projects (               -- Ⅲ 주요 추진 현안업무: the flagship projects
    project_no INTEGER PRIMARY KEY, title VARCHAR, division VARCHAR, purpose VARCHAR,
    source VARCHAR
);

CREATE TABLE project_items (          -- the bullets of 사업개요 / 추진현황 / 향후계획, in order
    project_no INTEGER, part VARCHAR, position INTEGER, depth INTEGER, text VARCHAR,
    parent_position INTEGER, source VARCHAR
);

CREATE TABLE project_budgets (        -- the 예산집행 현황 tables of Ⅲ, with 연말 집행예상
    project_no INTEGER, name VARCHAR, line_no INTEGER, budget BIGINT, committed BIGINT,
    spent BIGINT, committed_rate DOUBLE, committed_rate_printed VARCHAR,
    spent_rate DOUBLE, spent_rate_printed VARCHAR, outlook_amount BIGINT,
    outlook_rate DOUBLE, outlook_rate_printed VARCHAR, source VARCHAR
);

CREATE TABLE plans (                  -- 향후계획 items with their month range
    project_no INTEGER, position INTEGER, item VARCHAR, period VARCHAR,
    start_month DATE, end_month DATE, open_ended BOOLEAN, details VARCHAR, source VARCHAR
);

CREATE TABLE vision (                 -- Ⅱ 정책비전 및 추진전략: 비전, 추진방향, 추진전략, 추진사업
    kind VARCHAR, position INTEGER, text VARCHAR, strategy VARCHAR, source VARCHAR
);

CREATE TABLE dated_items (            -- the dates a 추진현황 bullet writes in brackets, as day spans
    project_no INTEGER, part VARCHAR, position INTEGER, first_day DATE, last_day DATE,
    to_day BOOLEAN
);

CREATE TABLE facts (                  -- numbers quoted in the text of Ⅲ (1,081명, 61개소 …)
    project_no INTEGER, part VARCHAR, value DOUBLE, unit VARCHAR, printed VARCHAR,
    context VARCHAR, source VARCHAR
);

CREATE TABLE inconsistencies (        -- where the report disagrees with itself
    check_name VARCHAR, subject VARCHAR, field VARCHAR, stated VARCHAR, stated_source VARCHAR,
    other VARCHAR, other_source VARCHAR, note VARCHAR
);
