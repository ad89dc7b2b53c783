-- Generated data for the outcome report benchmark (bench/wellbeing-report.sh): :cases cases, each with a
-- baseline and a follow-up of WEMWBS and SWEMWBS (4 assessments a case) and, for every fifth case, ONS4
-- at both timepoints too. Dates spread over the last two years; sources, channels, needs and link workers
-- spread so every grouping has groups of every size. Ids are made from the row number (repeatable).
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO cases (id, reference, team, channel, source, needs, opened_at, step, step_at, assigned_to, first_contact_at, closed_at, outcome)
SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
       'SP-BENCH-' || i,
       (ARRAY['north', 'south', 'east'])[1 + i % 3],
       (ARRAY['self', 'phone', 'professional'])[1 + i % 3],
       (ARRAY['self', 'gp', 'nurse', 'housing', 'teacher', 'other'])[1 + i % 6],
       ARRAY[(ARRAY['loneliness', 'mental-wellbeing', 'physical-activity', 'money', 'debt', 'housing'])[1 + i % 6],
             (ARRAY['loneliness', 'carers', 'nature', 'food'])[1 + i % 4]],
       opened,
       (ARRAY['FurtherVisits', 'Outcomes', 'HealthRiskReduced', 'Declined'])[1 + i % 4],
       opened + interval '60 days',
       'lw-' || (i % 40),
       opened + make_interval(days => i % 21),
       CASE WHEN i % 4 IN (1, 3) THEN opened + interval '90 days' END,
       CASE i % 4 WHEN 1 THEN 'Outcomes' WHEN 3 THEN 'Declined' END
FROM (SELECT i, now() - make_interval(days => 30 + i % 700) AS opened FROM generate_series(1, :cases) AS i) c;

INSERT INTO assessments (id, case_id, instrument_id, timepoint, follow_up, sequence, mode, completed_on, recorded_by, recorded_at, responses, supplementary_answer, score, value)
SELECT gen_random_uuid(), x.case_id, x.instrument, x.timepoint, x.follow_up, x.sequence, (ARRAY['faceToFace', 'phone', 'online'])[1 + x.i % 3],
       x.completed_on, 'lw-' || (x.i % 40), now(), x.responses, NULL,
       CASE WHEN x.instrument = 'ons4' THEN '{}'::jsonb ELSE jsonb_build_object('raw', x.raw) END,
       CASE x.instrument
           WHEN 'wemwbs' THEN x.raw
           WHEN 'swemwbs' THEN (ARRAY[7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59, 19.25,
                                   19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00])[x.raw - 6]
       END
FROM (
    SELECT i, ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid AS case_id, t.instrument, t.timepoint, t.follow_up, t.sequence,
           (current_date - (30 + i % 700) + t.days)::date AS completed_on,
           r.responses, (SELECT sum(v) FROM unnest(r.responses) AS v)::int AS raw
    FROM generate_series(1, :cases) AS i
    CROSS JOIN (VALUES ('wemwbs', 'baseline', NULL::int, 0, 1, 14, 0), ('wemwbs', 'followup', 1, 1, 60, 14, 1),
                       ('swemwbs', 'baseline', NULL, 0, 1, 7, 0), ('swemwbs', 'followup', 1, 1, 60, 7, 1),
                       ('ons4', 'baseline', NULL, 0, 1, 4, 0), ('ons4', 'followup', 1, 1, 60, 4, 1))
         AS t(instrument, timepoint, follow_up, sequence, days, items, later)
    CROSS JOIN LATERAL (
        SELECT ARRAY(SELECT CASE WHEN t.instrument = 'ons4' THEN least(10, floor(random() * 8)::int + t.later * 2)
                                 ELSE least(5, 1 + floor(random() * 4)::int + (t.later * (random() < 0.4)::int)) END
                     FROM generate_series(1, t.items) WHERE i > 0) AS responses
    ) r
    WHERE t.instrument <> 'ons4' OR i % 5 = 0
) x;
-- The outcome pairs the service keeps up to date as scores are recorded (as its migration builds them).
INSERT INTO outcome_pairs (case_id, instrument_id, measure, baseline, latest, latest_on, improved, source, link_worker, needs)
SELECT l.case_id, l.instrument_id, m.measure, m.before, m.after, l.completed_on,
       CASE WHEN m.measure = 0 AND i.definition -> 'scoring' ->> 'meaningfulChange' IS NOT NULL
            THEN CASE WHEN coalesce((i.definition -> 'scoring' ->> 'higherIsBetter')::boolean, true) THEN 1 ELSE -1 END * (m.after - m.before)
                 >= round((i.definition -> 'scoring' ->> 'meaningfulChange')::numeric * 100) END,
       c.source, c.assigned_to, c.needs
FROM (SELECT DISTINCT ON (a.case_id, a.instrument_id) * FROM assessments a WHERE a.sequence > 0
      ORDER BY a.case_id, a.instrument_id, a.completed_on DESC, a.sequence DESC) l
JOIN assessments b ON b.case_id = l.case_id AND b.instrument_id = l.instrument_id AND b.sequence = 0 AND b.completed_on <= l.completed_on
JOIN cases c ON c.id = l.case_id
JOIN instruments i ON i.id = l.instrument_id
CROSS JOIN LATERAL (
    SELECT 0::smallint, round(b.value * 100)::int, round(l.value * 100)::int WHERE l.value IS NOT NULL AND b.value IS NOT NULL
    UNION ALL
    SELECT u.n::smallint, u.b * 100, u.a * 100 FROM unnest(b.responses, l.responses) WITH ORDINALITY AS u(b, a, n) WHERE l.value IS NULL
) AS m(measure, before, after);
COMMIT;
VACUUM ANALYZE outcome_pairs;
VACUUM ANALYZE cases;
VACUUM ANALYZE assessments;
SELECT (SELECT count(*) FROM assessments) AS assessments, (SELECT count(*) FROM outcome_pairs) AS outcome_pairs;
