"""Locust users for the whole system: who uses Isoko, how often, and how long they pause.

Reads the prepared data (bench/load/prepare.py's JSON) from ISOKO_LOAD_DATA and the issued
certificate codes from ISOKO_LOAD_CERTIFICATES (a comma-separated list; run.py waits for the
Celery worker to issue the demo graduates' certificates and reads their codes).

Weights (share of simulated people) and think times:
- Visitor, 45%: browses anonymously: home, the catalogue, course pages, free-preview lessons;
  3-10 s between pages.
- Reader, 40%: a logged-in learner reading the lessons of a course they are enrolled in and
  marking each one done (POST with the CSRF token, as the lesson's form does; the redirect to
  the next lesson is followed, as a browser does); now and then the dashboard or the course
  page. 10-30 s per lesson: reading takes longer than browsing.
- QuizTaker, 10%: a logged-in learner taking a quiz: the quiz page, POST start (redirected to
  the attempt), autosave (JSON with X-CSRFToken, as quiz.js sends it) after each of a few
  answers, 2-6 s apart, then submit for grading and read the result. 5-15 s between attempts.
- Verifier, 5%: an employer checking a real issued certificate: the verify page, now and then
  the JSON answer, the PDF or the credential. 5-20 s between lookups.

Requests are named by kind (``name=``), so the statistics group "lesson" rather than per URL.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from http.cookiejar import Cookie
from urllib.parse import urlencode

import gevent
from locust import between, task
from locust.contrib.fasthttp import FastHttpUser
from page_forms import AUTOSAVE_RE, FORM, attempt_answers, token_of

DATA = json.loads(open(os.environ["ISOKO_LOAD_DATA"]).read())  # noqa: SIM115
CERTIFICATES = [code for code in os.environ.get("ISOKO_LOAD_CERTIFICATES", "").split(",") if code]
PUBLIC = DATA["public"]
COURSES = DATA["courses"]
PEOPLE = DATA["people"]
# Readers and quiz takers draw learners from two halves of the pool, in turn: no two Locust users
# share a learner until the pool is used up (it is larger than the largest step by default).
_half = len(PEOPLE) // 2
_readers = itertools.cycle(PEOPLE[:_half] or PEOPLE)
_takers = itertools.cycle(PEOPLE[_half:] or PEOPLE)


def _cookie(name: str, value: str, host: str) -> Cookie:
    return Cookie(
        0, name, value, None, False, host, False, False, "/", True, False, None, False, None,
        None, {},
    )  # fmt: skip


class Visitor(FastHttpUser):
    """Anonymous browsing of the public pages."""

    weight = 45
    wait_time = between(3, 10)

    @task(3)
    def home(self):
        self.client.get(random.choice(PUBLIC["home"]), name="home")

    @task(3)
    def catalogue(self):
        self.client.get(random.choice(PUBLIC["catalogue"]), name="catalogue")

    @task(4)
    def course(self):
        self.client.get(random.choice(PUBLIC["course"]), name="course page")

    @task(2)
    def preview(self):
        if PUBLIC["preview"]:
            self.client.get(random.choice(PUBLIC["preview"]), name="preview lesson")


class _Learner(FastHttpUser):
    abstract = True
    pool = _readers

    def on_start(self):
        self.person = next(self.pool)
        host = self.host.split("://", 1)[-1].split(":", 1)[0]
        self.client.cookiejar.set_cookie(_cookie("sessionid", self.person["session"], host))
        self.rng = random.Random()
        self.course = COURSES[str(self.rng.choice(self.person["courses"]))]


class Reader(_Learner):
    """Reads a course's lessons in order from a random point, marking each done."""

    weight = 40
    wait_time = between(10, 30)

    def on_start(self):
        super().on_start()
        lessons = self.course["lessons"]
        self.position = self.rng.randrange(len(lessons)) if lessons else 0

    @task(8)
    def read_and_mark(self):
        lessons = self.course["lessons"]
        if not lessons:
            return
        lesson_id, url = lessons[self.position % len(lessons)]
        self.position += 1
        with self.client.get(url, name="lesson", catch_response=True) as page:
            if page.status_code != 200:
                page.failure(f"lesson {url}: {page.status_code}")
                return
            token = token_of(page.text)
        if token is None:  # a lesson without the form: nothing to mark
            return
        gevent.sleep(self.rng.uniform(5, 20))  # reading
        self.client.post(
            f"/learn/lessons/{lesson_id}/complete/",
            data=urlencode({"csrfmiddlewaretoken": token}),
            name="mark complete (+ next lesson)",
            headers={"Referer": self.host + url, "Content-Type": FORM},
        )

    @task(1)
    def dashboard(self):
        self.client.get("/dashboard/", name="dashboard")

    @task(1)
    def course_page(self):
        self.client.get(self.course["url"], name="course page (learner)")


class QuizTaker(_Learner):
    """Takes an unlimited quiz of a course they are enrolled in: start, autosave, submit."""

    weight = 10
    wait_time = between(5, 15)
    pool = _takers

    @task
    def take_quiz(self):
        quizzes = [q for c in self.person["courses"] for q in COURSES[str(c)]["quizzes"]]
        if not quizzes:
            return
        quiz_id, quiz_url = self.rng.choice(quizzes)
        quiz_page = self.client.get(quiz_url, name="quiz page")
        token = token_of(quiz_page.text or "")
        if token is None:
            return
        with self.client.post(
            f"/learn/quizzes/{quiz_id}/start/",
            data=urlencode({"csrfmiddlewaretoken": token}),
            name="quiz start (+ attempt page)",
            headers={"Referer": self.host + quiz_url, "Content-Type": FORM},
            catch_response=True,
        ) as attempt:
            if "/learn/attempts/" not in (attempt.url or ""):
                attempt.failure(f"start did not lead to an attempt: {attempt.url}")
                return
            html, attempt_url = attempt.text, attempt.url
        token = token_of(html)
        autosave = AUTOSAVE_RE.search(html)
        pairs, answers = attempt_answers(html, self.rng)
        if token is None or autosave is None:
            return
        path = "/" + attempt_url.split("://", 1)[-1].split("/", 1)[1]
        keys = list(answers)
        for count in range(1, min(len(keys), self.rng.randint(3, 6)) + 1):
            gevent.sleep(self.rng.uniform(2, 6))  # answering a question
            self.client.post(
                autosave.group(1),
                data=json.dumps({"answers": {key: answers[key] for key in keys[:count]}}),
                headers={
                    "Content-Type": "application/json",
                    "Accept": "application/json",
                    "X-CSRFToken": token,
                    "Referer": attempt_url,
                },
                name="quiz autosave",
            )
        gevent.sleep(self.rng.uniform(2, 6))
        with self.client.post(
            path,
            data=urlencode([*pairs, ("action", "submit"), ("csrfmiddlewaretoken", token)]),
            name="quiz submit (+ result)",
            headers={"Referer": attempt_url, "Content-Type": FORM},
            catch_response=True,
        ) as result:
            if not (result.url or "").endswith("/result/"):
                result.failure(f"submit did not lead to the result: {result.url}")


class Verifier(FastHttpUser):
    """Checks a real issued certificate: the page, sometimes its JSON, PDF or credential."""

    weight = 5
    wait_time = between(5, 20)

    def on_start(self):
        if not CERTIFICATES:
            raise RuntimeError("no issued certificate to verify (ISOKO_LOAD_CERTIFICATES)")

    @task(6)
    def page(self):
        self.client.get(f"/certificates/verify/{random.choice(CERTIFICATES)}/", name="verify page")

    @task(2)
    def api(self):
        self.client.get(
            f"/certificates/verify/{random.choice(CERTIFICATES)}/",
            headers={"Accept": "application/json"},
            name="verify API (JSON)",
        )

    @task(1)
    def pdf(self):
        code = random.choice(CERTIFICATES)
        self.client.get(f"/certificates/verify/{code}/certificate.pdf", name="certificate PDF")

    @task(1)
    def credential(self):
        code = random.choice(CERTIFICATES)
        self.client.get(f"/certificates/verify/{code}/credential.json", name="credential")
