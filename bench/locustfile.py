"""A newsroom's day, compressed: readers on the public pages, editors saving claims.

Readers (9 in 10) open the home page, stories, claim permalinks and search, and revalidate pages
they have seen (If-None-Match), as browsers do. Editors (1 in 10) log in, open a claim's edit
form and save it based on the version they saw; a 409 (someone else saved first) is the
product working, not a failure, as long as it carries the conflict message.
"""

from __future__ import annotations

import os
import random
import re

from locust import HttpUser, between, task

CLAIM_PATHS: list[str] = []
EDITOR_PASSWORD = os.environ["BENCH_EDITOR_PASSWORD"]
EDITORS = int(os.environ.get("BENCH_EDITORS", "10"))


class Reader(HttpUser):
    weight = 9
    wait_time = between(0.5, 2)

    def on_start(self):
        self.etags: dict[str, str] = {}
        if not CLAIM_PATHS:
            page = self.client.get("/", name="home").text
            CLAIM_PATHS.extend(sorted(set(re.findall(r'href="(/claims/\d+-[^"]+/)"', page))))

    def visit(self, path: str, name: str):
        headers = {}
        if path in self.etags and random.random() < 0.5:
            headers["If-None-Match"] = self.etags[path]
        with self.client.get(path, name=name, headers=headers, catch_response=True) as response:
            if response.status_code in (200, 304):
                response.success()
                if "ETag" in response.headers:
                    self.etags[path] = response.headers["ETag"]
            else:
                response.failure(f"status {response.status_code}")

    @task(3)
    def claim(self):
        if CLAIM_PATHS:
            self.visit(random.choice(CLAIM_PATHS), "claim page")

    @task(2)
    def home(self):
        self.visit("/", "home")

    @task(2)
    def story(self):
        self.visit("/stories/deir-al-zor-september-2017/", "story page")

    @task(1)
    def search(self):
        self.visit(
            f"/search/?q={random.choice(['Raqqa', 'denied', 'Konashenkov', 'jets'])}", "search"
        )


class Editor(HttpUser):
    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        self.client.get("/accounts/login/", name="login page")
        token = self.client.cookies.get("csrftoken")
        username = f"bench-editor-{random.randrange(EDITORS)}"
        response = self.client.post(
            "/accounts/login/",
            {"username": username, "password": EDITOR_PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/accounts/login/"},
            name="login",
        )
        response.raise_for_status()
        page = self.client.get("/desk/?review_state=draft", name="desk queue").text
        self.claims = sorted(set(re.findall(r'href="/desk/claims/(\d+)/"', page)))

    @task
    def edit(self):
        if not self.claims:
            return
        pk = random.choice(self.claims)
        path = f"/desk/claims/{pk}/edit/"
        page = self.client.get(path, name="edit form").text
        version = re.search(r'name="base_version" value="(\d+)"', page)
        wording = re.search(r'<textarea name="proposition"[^>]*>\n?(.*?)</textarea>', page, re.S)
        speaker = re.search(r'<option value="(\d+)" selected>', page)
        if not (version and wording and speaker):
            return
        import html

        body = {
            "proposition": html.unescape(wording.group(1))[:2000].rstrip(" .") + ".",
            "speech_act": re.search(
                r'name="speech_act"[^>]*>.*?<option value="(\w+)" selected', page, re.S
            ).group(1),
            "speaker": speaker.group(1),
            "role_as_reported": "",
            "asserted": "2017-09",
            "event": "",
            "base_version": version.group(1),
            "csrfmiddlewaretoken": self.client.cookies.get("csrftoken"),
        }
        with self.client.post(
            path,
            body,
            name="save claim",
            allow_redirects=False,
            headers={"Referer": self.host + path},
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                response.success()
            elif response.status_code == 409 and "Someone else saved" in response.text:
                response.success()  # a refused stale save, shown as a conflict: correct
            else:
                response.failure(f"status {response.status_code}")
