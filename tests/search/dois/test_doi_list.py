"""``GET /dois`` over HTTP: filters, sorting, paging, cursors, sampling, shaping, facets,
visibility and read-your-writes (spec §4, §15 tests 1-6), on both backends."""

from __future__ import annotations

import base64
import math
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.search.corpus import REPOSITORIES, load, reference_records
from tests.search.datacite_lists import recorded_default_facets

from doiregistry.api.app import create_app
from doiregistry.search.dois.service import RANDOM_EXCLUSIVE
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

OWNER = ("DATACITE.TEST", "secret")
OTHER = ("EXAMPLE.REPO", "secret")


@pytest.fixture
def client(database: Database) -> Iterator[TestClient]:
    load(database, limit=40)
    with TestClient(create_app(Settings(), database)) as test_client:
        yield test_client


def get(client: TestClient, auth: tuple[str, str] | None = None, **params: str) -> dict[str, Any]:
    response = client.get("/dois", params=params, auth=auth)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def dois_of(body: dict[str, Any]) -> list[str]:
    return [item["id"] for item in body["data"]]


def test_anonymous_sees_findable_only_even_when_asking_for_drafts(client: TestClient) -> None:
    body = get(client, state="draft", **{"disable-facets": "false"})
    assert body["meta"]["states"] == [
        {"id": "findable", "title": "Findable", "count": body["meta"]["total"]}
    ]
    assert all(item["attributes"]["state"] == "findable" for item in body["data"])


def test_repository_sees_its_own_drafts_but_not_others(
    client: TestClient, database: Database
) -> None:
    records = reference_records(database)
    own = {r.columns["doi"] for r in records if r.columns["client_id"] == "datacite.test"}
    public = {r.columns["doi"] for r in records if r.columns["state"] == "findable"}
    body = get(client, OWNER, **{"page[size]": "1000"})
    assert set(dois_of(body)) == own | public
    drafts = get(client, OWNER, state="draft,registered", **{"page[size]": "1000"})
    assert drafts["data"] and all(
        i["relationships"]["client"]["data"]["id"] == "datacite.test" for i in drafts["data"]
    )


def test_page_size_is_clamped_and_page_numbers_have_no_ceiling(client: TestClient) -> None:
    body = get(client, **{"page[size]": "5000"})
    assert body["meta"]["totalPages"] == math.ceil(body["meta"]["total"] / 1000)
    assert len(body["data"]) == body["meta"]["total"]
    far = get(client, **{"page[number]": "999", "page[size]": "25"})
    assert far["meta"]["page"] == 999
    assert far["data"] == []
    assert "next" not in far["links"]


def test_page_links_keep_every_parameter(client: TestClient) -> None:
    body = get(
        client,
        **{"page[size]": "3", "sort": "name", "state": "findable", "resource-type-id": "dataset"},
    )
    nxt = body["links"]["next"]
    for part in ("sort=name", "state=findable", "resource-type-id=dataset", "page%5Bnumber%5D=2"):
        assert part in nxt
    second = client.get(nxt.replace("http://testserver", "")).json()
    assert second["meta"]["page"] == 2
    assert set(dois_of(second)).isdisjoint(dois_of(body))


def test_cursor_walk(client: TestClient) -> None:
    total = get(client)["meta"]["total"]
    seen: list[str] = []
    body = get(client, **{"page[cursor]": "1", "page[size]": "4"})
    assert "page" not in body["meta"]
    while True:
        seen += dois_of(body)
        if "next" not in body["links"]:
            break
        assert "page%5Bcursor%5D=" in body["links"]["next"]
        body = client.get(body["links"]["next"].replace("http://testserver", "")).json()
    assert len(seen) == total == len(set(seen))
    sizes = [4] * (total // 4) + ([total % 4] if total % 4 else [])
    assert len(seen) == sum(sizes)


def test_cursor_respects_the_requested_sort(client: TestClient) -> None:
    walked: list[str] = []
    body = get(client, sort="-name", **{"page[cursor]": "", "page[size]": "7"})
    while True:
        walked += dois_of(body)
        if "next" not in body["links"]:
            break
        body = client.get(body["links"]["next"].replace("http://testserver", "")).json()
    assert walked == sorted(walked, reverse=True)
    assert len(walked) == get(client)["meta"]["total"]


def test_random_and_cursor_are_exclusive(client: TestClient) -> None:
    response = client.get("/dois", params={"random": "true", "page[cursor]": "1"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["title"] == RANDOM_EXCLUSIVE


def test_random_with_a_seed_is_repeatable(client: TestClient) -> None:
    first = dois_of(get(client, random="true", seed="42", **{"page[size]": "5"}))
    again = dois_of(get(client, random="true", seed="42", **{"page[size]": "5"}))
    other = dois_of(get(client, random="true", seed="7", **{"page[size]": "5"}))
    assert first == again and len(first) == 5
    assert first != other


def test_facet_selection(client: TestClient) -> None:
    none = get(client, facets="")
    assert list(none["meta"]) == ["total", "totalPages", "page"]
    defaults = get(client, **{"disable-facets": "false"})
    assert list(defaults["meta"]) == ["total", "totalPages", "page", *recorded_default_facets()]
    chosen = get(client, facets="states,resource_types, languages")
    assert list(chosen["meta"])[3:] == ["states", "resourceTypes", "languages"]
    empty = get(client, query="doi:10.9999/none", **{"disable-facets": "false"})
    assert list(empty["meta"]) == ["total", "totalPages", "page"]
    off = get(client, **{"disable-facets": "true"})
    assert list(off["meta"]) == ["total", "totalPages", "page"]


def test_facet_counts_match_the_records(client: TestClient, database: Database) -> None:
    records = [r for r in reference_records(database) if r.columns["state"] == "findable"]
    meta = get(client, **{"disable-facets": "false"})["meta"]
    types = Counter(r.columns["resource_type_id"] for r in records)
    assert {b["id"]: b["count"] for b in meta["resourceTypes"]} == dict(types.most_common(34))
    clients = Counter(r.columns["client_id"] for r in records)
    assert {b["id"]: b["count"] for b in meta["clients"]} == dict(clients)
    years = Counter(
        str(r.columns["publication_year"]) for r in records if r.columns["publication_year"]
    )
    assert {b["id"]: b["count"] for b in meta["published"]} == {
        y: c for y, c in years.items() if int(y) <= 2026
    }
    assert [b["id"] for b in meta["published"]] == sorted(
        (b["id"] for b in meta["published"]), reverse=True
    )
    counts = [b["count"] for b in meta["resourceTypes"]]
    assert counts == sorted(counts, reverse=True)


def test_sparse_fieldsets(client: TestClient) -> None:
    body = get(client, **{"fields[dois]": "id"})
    assert body["data"] and all(
        item["attributes"] == {} and item["relationships"] == {} for item in body["data"]
    )
    titles = get(client, **{"fields[dois]": "titles,client"})
    assert set(titles["data"][0]["attributes"]) == {"titles"}
    assert set(titles["data"][0]["relationships"]) == {"client"}


def test_list_attributes_follow_datacite_order(client: TestClient) -> None:
    item = get(client)["data"][0]["attributes"]
    assert list(item)[:6] == ["doi", "identifiers", "creators", "titles", "publisher", "container"]
    assert list(item)[-4:] == ["created", "registered", "published", "updated"]
    assert "xml" not in item
    detail = get(client, detail="true")["data"][0]["attributes"]
    assert {"xml", "prefix", "suffix", "alternateIdentifiers"} <= set(detail)
    assert "xml" not in get(client, detail="false")["data"][0]["attributes"]
    composite = get(client, composite="true")["data"][0]["attributes"]
    assert "contributors" not in composite and "subjects" not in composite


def test_include_client(client: TestClient) -> None:
    body = get(client, include="client", **{"page[size]": "40"})
    ids = {item["relationships"]["client"]["data"]["id"] for item in body["data"]}
    assert {item["id"] for item in body["included"]} == ids
    assert all(item["type"] == "clients" for item in body["included"])


def test_filters(client: TestClient, database: Database) -> None:
    records = [r for r in reference_records(database) if r.columns["state"] == "findable"]
    by_client = get(client, **{"client-id": "datacite.test", "page[size]": "1000"})
    assert by_client["meta"]["total"] == sum(
        1 for r in records if r.columns["client_id"] == "datacite.test"
    )
    by_prefix = get(client, prefix=REPOSITORIES[1][1], **{"page[size]": "1000"})
    assert {d.split("/")[0] for d in dois_of(by_prefix)} == {REPOSITORIES[1][1]}
    both = get(client, **{"client-id": "datacite.test", "prefix": REPOSITORIES[1][1]})
    assert both["meta"]["total"] == 0  # different parameters combine with AND
    either = get(client, **{"client-id": "datacite.test,example.repo"})
    assert either["meta"]["total"] == len(records)
    datasets = get(client, **{"resource-type-id": "Dataset", "page[size]": "1000"})
    assert datasets["meta"]["total"] == sum(
        1 for r in records if r.columns["resource_type_id"] == "dataset"
    )
    year = str(records[0].columns["publication_year"])
    published = get(client, published=year)
    assert published["meta"]["total"] == sum(
        1 for r in records if str(r.columns["publication_year"]) == year
    )
    assert get(client, **{"schema-version": "4"})["meta"]["total"] == sum(
        1 for r in records if r.columns["schema_version"] == "http://datacite.org/schema/kernel-4"
    )
    cited = get(client, **{"has-citations": "1"})
    assert cited["meta"]["total"] == sum(1 for r in records if r.counts["citations"] >= 1)
    assert cited["meta"]["total"] >= 1
    assert get(client, **{"has-citations": "true"})["meta"]["total"] == len(records)
    with_person = get(client, **{"has-person": "true"})["meta"]["total"]
    assert 0 < with_person < len(records)
    bad = client.get("/dois", params={"created": "last-year"})
    assert bad.status_code == 400


def test_counts_and_relationships_in_detail(client: TestClient, database: Database) -> None:
    records = {r.columns["doi"]: r for r in reference_records(database)}
    cited = next(
        d for d, r in records.items() if r.counts["citations"] and r.columns["state"] == "findable"
    )
    body = get(client, query=f"doi:{cited}", detail="true")
    item = body["data"][0]
    assert item["attributes"]["citationCount"] == records[cited].counts["citations"]
    assert len(item["relationships"]["citations"]["data"]) == records[cited].counts["citations"]


def test_sorting(client: TestClient) -> None:
    by_name = dois_of(get(client, sort="name", **{"page[size]": "1000"}))
    assert by_name == sorted(by_name)
    titles = [
        i["attributes"]["titles"][0]["title"].casefold()
        for i in get(client, sort="title", **{"page[size]": "1000"})["data"]
        if i["attributes"]["titles"]
    ]
    assert titles == sorted(titles) or len(titles) < 2
    updated = [i["attributes"]["updated"] for i in get(client, **{"page[size]": "1000"})["data"]]
    assert updated == sorted(updated, reverse=True)


def test_relevance_boosts_the_doi(client: TestClient, database: Database) -> None:
    target = next(r for r in reference_records(database) if r.columns["state"] == "findable")
    doi = target.columns["doi"]
    body = get(client, query=f"{doi} OR example", sort="relevance", **{"page[size]": "1000"})
    assert dois_of(body)[0] == doi


def test_sampling_per_group(client: TestClient) -> None:
    body = get(client, **{"sample-group": "client", "sample": "2", "page[size]": "1"})
    assert body["meta"]["total"] == 2 == len(body["data"])
    assert len({item["relationships"]["client"]["data"]["id"] for item in body["data"]}) == 1
    both = get(client, **{"sample-group": "client", "sample": "3", "page[size]": "10"})
    groups = Counter(item["relationships"]["client"]["data"]["id"] for item in both["data"])
    assert set(groups.values()) == {3} and len(groups) == 2


def test_member_and_repository_lists(client: TestClient) -> None:
    for path in (
        "/clients/datacite.test/dois",
        "/repositories/datacite.test/dois",
        "/providers/datacite/dois",
    ):
        body = client.get(path).json()
        assert body["data"] and all(
            i["relationships"]["client"]["data"]["id"] == "datacite.test" for i in body["data"]
        )


def test_read_your_writes(client: TestClient) -> None:
    xml = base64.b64encode(
        b'<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">'
        b"10.5438/NEW</identifier><creators><creator><creatorName>Quux, Zed</creatorName>"
        b"</creator></creators><titles><title>Zyzzyva unusual words</title></titles>"
        b"<publisher>Example</publisher><publicationYear>2024</publicationYear>"
        b'<resourceType resourceTypeGeneral="Dataset"/></resource>'
    ).decode()
    body = {
        "data": {"attributes": {"event": "publish", "url": "https://example.org/new", "xml": xml}}
    }
    assert client.put("/dois/10.5438/new", json=body, auth=OWNER).status_code == 201
    assert dois_of(get(client, query="zyzzyva")) == ["10.5438/new"]
    assert (
        get(client, query="zyzzyva", **{"disable-facets": "false"})["meta"]["states"][0]["count"]
        == 1
    )
    change = {"data": {"attributes": {"titles": [{"title": "Renamed entirely"}]}}}
    assert client.patch("/dois/10.5438/new", json=change, auth=OWNER).status_code == 200
    assert get(client, query="zyzzyva")["meta"]["total"] == 0
    assert dois_of(get(client, query='titles.title:"renamed entirely"')) == ["10.5438/new"]
    hide = {"data": {"attributes": {"event": "hide"}}}
    assert client.patch("/dois/10.5438/new", json=hide, auth=OWNER).status_code == 200
    assert get(client, query="renamed")["meta"]["total"] == 0
    assert get(client, OWNER, query="renamed")["meta"]["total"] == 1


def test_query_errors_are_400_json_api(client: TestClient) -> None:
    response = client.get("/dois", params={"query": "titles.title:(climate"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert isinstance(errors, list) and "position" in errors[0]["title"]


def test_server_setting_turns_default_facets_off(database: Database) -> None:
    load(database, limit=12)
    with TestClient(create_app(Settings(facets_by_default=False), database)) as client:
        assert list(get(client)["meta"]) == ["total", "totalPages", "page"]
        assert "states" in get(client, **{"disable-facets": "false"})["meta"]


def test_facets_by_default_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOIREGISTRY_FACETS_BY_DEFAULT", "false")
    assert Settings.from_env().facets_by_default is False
    monkeypatch.setenv("DOIREGISTRY_FACETS_BY_DEFAULT", "true")
    assert Settings.from_env().facets_by_default is True


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"client-id": "datacite.test"},
        {"provider-id": "example,datacite", "resource-type-id": "Dataset"},
        {"published": "2010,2030", "state": "findable,registered"},
        {"created": "2026", "registered": "2020,2030"},
        {"prefix": REPOSITORIES[1][1], "state": "draft"},
    ],
)
def test_columnar_browsing_agrees_with_sql(client: TestClient, params: dict[str, str]) -> None:
    for auth in (None, OWNER, OTHER):
        columnar = get(client, auth, **params, **{"disable-facets": "false"})
        # the same request with a query that matches everything takes the SQL path
        sql = get(client, auth, **params, query="_exists_:doi", **{"disable-facets": "false"})
        assert columnar["meta"] == sql["meta"]
        assert dois_of(columnar) == dois_of(sql)


@pytest.mark.parametrize(
    "query",
    [
        "publicationYear:[2010 TO *]",
        "publicationYear:{2015 TO 2022]",
        "NOT publicationYear:2020",
        "client_id:DATACITE.TEST OR publicationYear:[* TO 2015}",
        "state:findable AND -prefix:10.5438",
        "resource_type_id:dataset AND publicationYear:>=2019",
    ],
)
def test_columnar_queries_agree_with_sql(client: TestClient, query: str) -> None:
    for auth in (None, OWNER):
        columnar = get(
            client, auth, query=query, **{"disable-facets": "false", "page[size]": "1000"}
        )
        sql = get(
            client,
            auth,
            query=f"({query}) AND _exists_:doi",
            **{"disable-facets": "false", "page[size]": "1000"},
        )
        assert columnar["meta"] == sql["meta"]
        assert dois_of(columnar) == dois_of(sql)
        assert columnar["meta"]["total"] > 0


def test_facet_titles_follow_rails_titleize() -> None:
    from doiregistry.search.dois.facet_titles import titleize

    assert titleize("CoreTrustSeal") == "Core Trust Seal"
    assert titleize("WDS") == "Wds"
    assert titleize("findable") == "Findable"


def _citations_by_year(records: list[Any]) -> list[tuple[str, int]]:
    per_year: Counter[str] = Counter()
    for r in records:
        if r.counts["citations"] and r.columns["publication_year"]:
            per_year[str(r.columns["publication_year"])] += r.counts["citations"]
    return sorted(per_year.items(), reverse=True)[:10]


def test_citation_facets_match_the_records_and_follow_writes(
    client: TestClient, database: Database
) -> None:
    records = [r for r in reference_records(database) if r.columns["state"] == "findable"]
    meta = get(client, facets="citations,citationCount")["meta"]
    assert [(b["id"], b["count"]) for b in meta["citations"]] == _citations_by_year(records)
    assert meta["citationCount"] == sum(r.counts["citations"] for r in records)
    assert meta["citationCount"] > 0  # the corpus has citations between findable records
    cited = max(  # the newest year is always among the ten shown
        (r for r in records if r.columns["publication_year"]),
        key=lambda r: int(r.columns["publication_year"]),
    )
    xml = base64.b64encode(
        b'<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">'
        b"10.5438/CITER</identifier><creators><creator><creatorName>Quux, Zed</creatorName>"
        b"</creator></creators><titles><title>A citing record</title></titles>"
        b"<publisher>Example</publisher><publicationYear>2024</publicationYear>"
        b'<resourceType resourceTypeGeneral="Dataset"/><relatedIdentifiers>'
        b'<relatedIdentifier relatedIdentifierType="DOI" relationType="Cites">'
        + str(cited.columns["doi"]).encode()
        + b"</relatedIdentifier></relatedIdentifiers></resource>"
    ).decode()
    body = {
        "data": {"attributes": {"event": "publish", "url": "https://example.org/c", "xml": xml}}
    }
    assert client.put("/dois/10.5438/citer", json=body, auth=OWNER).status_code == 201
    after = get(client, facets="citations,citationCount")["meta"]
    assert after["citationCount"] == meta["citationCount"] + 1
    year = str(cited.columns["publication_year"])
    before_year = {b["id"]: b["count"] for b in meta["citations"]}.get(year, 0)
    assert {b["id"]: b["count"] for b in after["citations"]}[year] == before_year + 1


def test_single_doi_shows_its_relation_counts(client: TestClient, database: Database) -> None:
    records = {r.columns["doi"]: r for r in reference_records(database)}
    cited = next(
        d for d, r in records.items() if r.counts["citations"] and r.columns["state"] == "findable"
    )
    item = client.get(f"/dois/{cited}").json()["data"]
    assert item["attributes"]["citationCount"] == records[cited].counts["citations"] > 0
    citing = {i["id"] for i in item["relationships"]["citations"]["data"]}
    assert len(citing) == records[cited].counts["citations"]
    assert all(records[doi].columns["state"] == "findable" for doi in citing)
