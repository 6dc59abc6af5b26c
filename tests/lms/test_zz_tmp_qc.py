from tests.lms.test_reports import *  # noqa
def test_show(world):
    course, quiz, ids = world["course_a"], world["quiz"], world["question_ids"]
    populate(course, quiz, ids, 0, 2)
    t = world["trainer_a"]
    t.get(report_url(course))
    with CaptureQueriesContext(connection) as q:
        r = t.get(report_url(course))
    print("REPORT", len(q))
    for x in q.captured_queries: print("  ", x["sql"][:150])
    with CaptureQueriesContext(connection) as q:
        r2 = t.get(reverse("lms_reports"))
    print("INDEX", len(q))
    with CaptureQueriesContext(connection) as q:
        rows = read_csv(t.get(csv_url(course)))
    print("CSV", len(q), rows)
    open("/tmp/report.html","w").write(r.content.decode())
