-- Generated data for the caseload benchmark (bench/caseload.sh): :cases cases in casedb, three teams,
-- about 200 link workers; :open of them open and held by the link worker :worker (team north), each
-- with the history, meetings, contacts, notes, tasks and scores a case part-way through has. Most other
-- cases are closed. Ids and references are made from the row number (repeatable).
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO cases (id, referral_id, reference, step, urgent, channel, source, needs, share_with_gp, person_reference, team, assigned_to,
                   opened_at, updated_at, flagged_urgent_at, area, what_matters, first_contact_due_by, first_contact_at)
SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
       ('00000000-0000-4000-9000-' || lpad(to_hex(i), 12, '0'))::uuid,
       'SP-B' || lpad(upper(to_hex(i)), 8, '0'),
       CASE WHEN mine THEN (ARRAY['Referral', 'AssessmentArranged', 'BaselineMetrics', 'SocialPrescription', 'FurtherVisits', 'HealthRiskReduced'])[1 + i % 6]
            WHEN i % 10 = 0 THEN (ARRAY['Referral', 'AssessmentArranged', 'BaselineMetrics', 'SocialPrescription', 'FurtherVisits'])[1 + i % 5]
            ELSE (ARRAY['Outcomes', 'Outcomes', 'Declined', 'UnableToContact', 'Withdrawn'])[1 + i % 5] END,
       i % 17 = 0,
       (ARRAY['self', 'phone', 'professional'])[1 + i % 3],
       (ARRAY['self', 'gp', 'nurse', 'housing', 'teacher'])[1 + i % 5],
       ARRAY[(ARRAY['loneliness', 'mental-wellbeing', 'physical-activity', 'money', 'debt', 'housing'])[1 + i % 6]],
       (ARRAY['none', 'codesOnly', 'full'])[1 + i % 3],
       gen_random_uuid(),
       CASE WHEN mine THEN 'north' ELSE (ARRAY['north', 'south', 'east'])[1 + i % 3] END,
       CASE WHEN mine THEN :'worker' ELSE 'lw-' || (i % 200) END,
       opened, opened + interval '3 days',
       CASE WHEN i % 17 = 0 THEN opened END,
       (ARRAY['LS1', 'LS6', 'LS11', 'BD1', 'WF1'])[1 + i % 5],
       CASE WHEN i % 2 = 0 THEN 'Getting out more and meeting people; learning to manage money.' END,
       opened + interval '7 days',
       CASE WHEN i % 4 <> 0 THEN opened + interval '2 days' END
FROM (SELECT i, i <= :open AS mine, now() - make_interval(days => 1 + i % 700, mins => i % 1440) AS opened
      FROM generate_series(1, :cases) AS i) c;

-- Each case: its moves so far (two on average), two meetings, three contacts, two notes, a task, a prescription, a score.
INSERT INTO case_step_changes (case_id, "from", "to", "by", reason, "at")
SELECT c.id, 'Referral', 'AssessmentArranged', c.assigned_to, NULL, c.opened_at + interval '1 day' FROM cases c WHERE c.step <> 'Referral'
UNION ALL
SELECT c.id, 'AssessmentArranged', c.step, c.assigned_to, 'Moved on after the first meeting', c.opened_at + interval '9 days'
FROM cases c WHERE c.step NOT IN ('Referral', 'AssessmentArranged');

INSERT INTO case_appointments (id, case_id, starts_at, duration_minutes, mode, place, status, cancel_reason, booked_by, booked_at, changed_by, changed_at)
SELECT gen_random_uuid(), c.id, c.opened_at + make_interval(days => 3 + n * 14), 60, 'faceToFace', 'Central library',
       CASE WHEN n = 1 AND c.assigned_to = :'worker' THEN 'booked' ELSE 'attended' END, NULL, c.assigned_to, c.opened_at + interval '1 day', NULL, NULL
FROM cases c CROSS JOIN generate_series(0, 1) AS n;

INSERT INTO case_contacts (id, case_id, "at", mode, outcome, appointment_id, note, "by", recorded_at)
SELECT gen_random_uuid(), c.id, c.opened_at + make_interval(hours => 2 + n * 20), 'phone', (ARRAY['noAnswer', 'reached', 'reached'])[1 + n], NULL,
       'Spoke about what matters to them and what they would like to try.', c.assigned_to, c.opened_at + make_interval(hours => 2 + n * 20)
FROM cases c CROSS JOIN generate_series(0, 2) AS n;

INSERT INTO case_notes (id, case_id, text, "by", "at")
SELECT gen_random_uuid(), c.id, repeat('Met at the library; talked about walking groups, the choir and the money advice drop-in. ', 6), c.assigned_to, c.opened_at + make_interval(days => 1 + n)
FROM cases c CROSS JOIN generate_series(0, 1) AS n;

INSERT INTO case_tasks (id, case_id, kind, description, service_id, created_at, due_by, done_at)
SELECT gen_random_uuid(), c.id, 'task', 'Check in after the first session', NULL, c.opened_at, c.opened_at + interval '14 days',
       CASE WHEN c.assigned_to = :'worker' AND hashtext(c.id::text) % 5 = 0 THEN NULL ELSE c.opened_at + interval '13 days' END
FROM cases c;

INSERT INTO case_prescriptions (id, case_id, service_id, service_name, status, reason, requested_by, requested_at, updated_at)
SELECT gen_random_uuid(), c.id, gen_random_uuid(), 'Walking group, Leeds', 'accepted', NULL, c.assigned_to, c.opened_at + interval '10 days', c.opened_at + interval '11 days'
FROM cases c WHERE c.step NOT IN ('Referral', 'AssessmentArranged', 'BaselineMetrics');

INSERT INTO case_scores (assessment_id, case_id, instrument, timepoint, follow_up, mode, completed_on, score)
SELECT gen_random_uuid(), c.id, 'swemwbs', 'baseline', NULL, 'faceToFace', (c.opened_at + interval '9 days')::date, 19.25
FROM cases c WHERE c.step NOT IN ('Referral', 'AssessmentArranged');
COMMIT;
VACUUM ANALYZE;
CHECKPOINT;
