"""Story assignment: profiles, scoring, in-order decisions, replays. Pure, no store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

import pytest
from claimwatch.transforms.stories import (
    Story,
    StoryItem,
    add_to_story,
    assign_in_order,
    story_id_for,
)
from claimwatch.transforms.story_records import story_from_dict, story_to_dict
from claimwatch.transforms.story_terms import Rarity, article_profile, headline, prose

T0 = datetime(2025, 11, 19, 11, 0, tzinfo=timezone.utc)

ORIGINAL = (
    "Gaza toll since ceasefire rises to at least 420, ministry says",
    "At least 420 Palestinians have been killed and more than 1,150 injured by Israeli fire "
    "since the ceasefire began in October, the Gaza health ministry said on Wednesday.\n"
    "The ministry said the new deaths included three people killed in an air strike east of "
    "Gaza City late on Tuesday. Relatives said the three were collecting firewood near their "
    "damaged home in the Shujaiya neighbourhood.",
)
REWRITE = (
    "Health ministry: Gaza deaths since truce climb to 420",
    "Israeli fire has killed at least 420 Palestinians and injured more than 1,150 "
    "Palestinians since the truce took hold in October, figures from Gaza's health ministry "
    "showed on Thursday.\nThe count includes those who died in an air strike on Tuesday east "
    "of Gaza City, where relatives said the victims had gone out to gather firewood close to "
    "their wrecked house in Shujaiya.",
)
OTHER_EVENT = (
    "Indonesia readies troops for Gaza stabilisation force",
    "Indonesia has offered 20,000 soldiers for an international stabilisation force in Gaza, "
    "President Prabowo Subianto said on Saturday, making it the largest potential contributor "
    "to the mission. Speaking at a military base in Bogor, Prabowo said the troops would "
    "include engineers and medical units.",
)


@pytest.fixture(scope="module")
def rarity() -> Rarity:
    return Rarity.load()


def item(rarity: Rarity, n: str, doc: tuple[str, str], *, hours: float = 0, source: str = "A"):
    title, text = doc
    return StoryItem(
        article_id=n,
        title=title,
        source=source,
        url=f"https://{source.lower()}.example/{n}",
        published=T0 + timedelta(hours=hours),
        profile=article_profile(title, text, rarity=rarity),
    )


def no_store(_terms: Sequence[str], _since: datetime) -> list[Story]:
    return []


def test_a_rewrite_in_other_words_joins_the_story_another_event_does_not(rarity) -> None:
    items = [
        item(rarity, "orig", ORIGINAL),
        item(rarity, "other", OTHER_EVENT, hours=2, source="B"),
        item(rarity, "rewrite", REWRITE, hours=22, source="C"),
    ]
    assignments, stories = assign_in_order(items, no_store, {}, rarity=rarity)

    story = {a.article_id: a.story_id for a in assignments}
    assert story["rewrite"] == story["orig"] == story_id_for("orig")
    assert story["other"] != story["orig"]
    joined = next(s for s in stories if s.id == story["orig"])
    assert joined.article_ids == ("orig", "rewrite")
    assert joined.sources == ("A", "C")
    assert joined.title == ORIGINAL[0]
    assert (joined.first_seen, joined.last_seen) == (T0, T0 + timedelta(hours=22))


def test_decisions_follow_publication_order_not_arrival_order(rarity) -> None:
    items = [
        item(rarity, "rewrite", REWRITE, hours=22, source="C"),
        item(rarity, "orig", ORIGINAL),
    ]
    forward, _ = assign_in_order(items, no_store, {}, rarity=rarity)
    backward, _ = assign_in_order(list(reversed(items)), no_store, {}, rarity=rarity)

    assert forward == backward
    assert {a.story_id for a in forward} == {story_id_for("orig")}


def test_a_replayed_article_keeps_its_stored_story_and_changes_nothing(rarity) -> None:
    assignments, stories = assign_in_order(
        [item(rarity, "orig", ORIGINAL)], no_store, {"orig": "st-earlier"}, rarity=rarity
    )

    assert [(a.article_id, a.story_id, a.new_story) for a in assignments] == [
        ("orig", "st-earlier", False)
    ]
    assert stories == []


def test_a_stored_story_is_joined_through_the_candidates_lookup(rarity) -> None:
    _, (stored,) = assign_in_order([item(rarity, "orig", ORIGINAL)], no_store, {}, rarity=rarity)
    asked: list[tuple[tuple[str, ...], datetime]] = []

    def candidates(terms: Sequence[str], since: datetime) -> list[Story]:
        asked.append((tuple(terms), since))
        return [stored]

    late = item(rarity, "rewrite", REWRITE, hours=22, source="C")
    (decision,), (changed,) = assign_in_order([late], candidates, {}, rarity=rarity)

    assert decision.story_id == stored.id and not decision.new_story
    assert changed.article_ids == ("orig", "rewrite")
    assert asked[0][1] == late.published - timedelta(days=10)
    assert set(asked[0][0]) & set(stored.index_terms())


def test_the_same_report_weeks_later_starts_a_new_story(rarity) -> None:
    items = [item(rarity, "orig", ORIGINAL), item(rarity, "later", REWRITE, hours=24 * 30)]
    assignments, _ = assign_in_order(items, no_store, {}, rarity=rarity)

    assert len({a.story_id for a in assignments}) == 2


def test_two_shootings_in_one_town_share_the_town_and_stay_apart(rarity) -> None:
    first = (
        "Man shot outside Shreveport nightclub",
        "SHREVEPORT, La. -- A 31-year-old man was critically wounded early Saturday when "
        "gunfire broke out in the parking lot of a nightclub on Martin Luther King Drive, "
        "Shreveport police said.",
    )
    second = (
        "Teen charged with killing uncle in Shreveport",
        "SHREVEPORT, La. -- A 17-year-old was charged Monday with second-degree murder in the "
        "death of his uncle, Raymond Coreen, who was found shot in a house on Jewella Avenue.",
    )
    items = [item(rarity, "a", first), item(rarity, "b", second, hours=48, source="B")]
    assignments, _ = assign_in_order(items, no_store, {}, rarity=rarity)

    assert assignments[0].story_id != assignments[1].story_id


def test_story_records_round_trip(rarity) -> None:
    _, (story,) = assign_in_order([item(rarity, "orig", ORIGINAL)], no_store, {}, rarity=rarity)
    story = add_to_story(story, item(rarity, "rewrite", REWRITE, hours=3, source="C"))

    assert story_from_dict(story_to_dict(story)) == story


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Police said a seven-year-old boy was hurt.", "7-year-old"),
        ("Police said a 7-year-old boy was hurt.", "7-year-old"),
        ("Police said a 9 month old girl was hurt.", "9-month-old"),
        ("Father Asks For Prayers After Seven-Year-Old Shot.", "7-year-old"),
        ("Police named the boy as De'Maree Jarmon.", "demaree"),
    ],
)
def test_profile_terms_fold_spelling_variants(rarity, text: str, term: str) -> None:
    assert term in article_profile("", text + " " + text, rarity=rarity).as_dict()


def test_page_furniture_and_site_names_do_not_count() -> None:
    assert headline("Teen dead after party shooting - WMC Action News 5 - Memphis") == (
        "Teen dead after party shooting"
    )
    page = "Share this\nTerms of Service\nA man was shot on Spring Street on Tuesday, police said."
    assert prose(page) == "A man was shot on Spring Street on Tuesday, police said."


def test_rare_words_weigh_more_than_common_ones() -> None:
    rarity = Rarity({"police": 5.3, "garfield": 3.4})
    assert rarity.weight("police") < rarity.weight("garfield") < rarity.weight("tarpley")


SHOOTING = (
    "Student killed, five hurt in shooting at Ocala bar",
    "OCALA, Fla. -- A college student was killed and five other people were injured in a "
    "shooting at the Cloud 9 Club early Sunday, Marion County deputies said.\n"
    "Deputies said 19-year-old Benetria Robinson was pronounced dead in the parking lot. "
    "Her cousin said Robinson was home for the weekend from college, where she played "
    "basketball.",
)
ARRESTS = (
    "Two more men arrested in fatal Ocala club shooting",
    "OCALA, Fla. -- Two more men have been arrested in the September shooting outside the "
    "Cloud 9 Club that killed Benetria Robinson, Marion County deputies said Thursday.\n"
    "Deputies said the men fired into a crowd in the parking lot after a fight inside the club. "
    "Robinson, a college basketball player, was struck in the chest.",
)
NEXT_SHOOTING = (
    "Man shot outside Ocala lounge, deputies seek gunman",
    "OCALA, Fla. -- A man was shot in the parking lot of a lounge early Saturday, and Marion "
    "County deputies are searching for the gunman.\n"
    "Deputies said Tavaris Mobley was found with a gunshot wound after an argument inside "
    "the club spilled into the parking lot.",
)


def test_charges_weeks_later_join_on_the_victims_name_the_next_shooting_there_does_not(
    rarity,
) -> None:
    items = [
        item(rarity, "shooting", SHOOTING),
        item(rarity, "next", NEXT_SHOOTING, hours=24 * 40, source="B"),
        item(rarity, "arrests", ARRESTS, hours=24 * 46, source="C"),
    ]
    assignments, _ = assign_in_order(items, no_store, {}, rarity=rarity)

    story = {a.article_id: a.story_id for a in assignments}
    assert story["arrests"] == story["shooting"]
    assert story["next"] != story["shooting"]


def test_a_name_past_the_long_window_joins_nothing(rarity) -> None:
    items = [item(rarity, "shooting", SHOOTING), item(rarity, "late", ARRESTS, hours=24 * 400)]
    assignments, _ = assign_in_order(items, no_store, {}, rarity=rarity)

    assert len({a.story_id for a in assignments}) == 2


def test_names_are_looked_up_a_year_back_other_terms_ten_days(rarity) -> None:
    _, (stored,) = assign_in_order([item(rarity, "s", SHOOTING)], no_store, {}, rarity=rarity)
    asked: list[tuple[tuple[str, ...], datetime]] = []

    def candidates(terms: Sequence[str], since: datetime) -> list[Story]:
        asked.append((tuple(terms), since))
        return [stored] if "p:robinson" in terms else []

    late = item(rarity, "arrests", ARRESTS, hours=24 * 46, source="C")
    (decision,), _ = assign_in_order([late], candidates, {}, rarity=rarity)

    assert decision.story_id == stored.id
    assert "p:robinson" in stored.index_terms()
    assert [since for _, since in asked] == [
        late.published - timedelta(days=10),
        late.published - timedelta(days=365),
    ]
    assert all(t.startswith("p:") for t in asked[1][0])


def test_one_town_name_in_two_states_is_two_events(rarity) -> None:
    washington = (
        "Quincy police investigating fatal shooting",
        "A man was killed in a shooting near a park in Quincy, Washington, late Saturday. "
        "Quincy police said officers heard gunshots and found the victim near the park with a "
        "gunshot wound.",
    )
    illinois = (
        "Quincy man dies after shooting near park",
        "A man died after he was shot near a park in Quincy, Ill., early Sunday. Quincy police "
        "said officers heard gunshots and found the victim with a gunshot wound near the park.",
    )
    items = [item(rarity, "wa", washington), item(rarity, "il", illinois, hours=6, source="B")]
    assignments, _ = assign_in_order(items, no_store, {}, rarity=rarity)

    assert item(rarity, "il", illinois).profile.regions == ("IL",)
    assert assignments[0].story_id != assignments[1].story_id


def test_a_park_and_its_trauma_hospital_in_common_are_not_enough(rarity) -> None:
    mass = (
        "Seven shot in West Garfield Park",
        "One man was killed and six people were wounded when gunmen opened fire on a group in "
        "West Garfield Park on Friday night. The wounded were taken to Stroger Hospital and "
        "Mount Sinai, fire officials said. Police said the group was standing on Maypole Avenue.",
    )
    teen = (
        "Teen shot while walking home in West Garfield Park",
        "A 16-year-old boy was shot in the leg while walking home in West Garfield Park on "
        "Saturday night. He was taken to Stroger Hospital in good condition. Police said a man "
        "fired from a passing car on Madison Street.",
    )
    items = [item(rarity, "mass", mass), item(rarity, "teen", teen, hours=20, source="B")]
    assignments, _ = assign_in_order(items, no_store, {}, rarity=rarity)

    assert assignments[0].story_id != assignments[1].story_id


def test_story_records_keep_people_and_regions_and_read_older_ones(rarity) -> None:
    _, (story,) = assign_in_order([item(rarity, "s", SHOOTING)], no_store, {}, rarity=rarity)
    assert story.people == ("benetria robinson",) and story.regions == ("FL",)
    assert story_from_dict(story_to_dict(story)) == story

    older = {k: v for k, v in story_to_dict(story).items() if k not in ("people", "regions")}
    assert story_from_dict(older).people == ()
