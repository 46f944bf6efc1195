"""The article toll, seventh round of issue 11: one test per general rule, named after its case."""

from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.toll import article_toll


def toll(text: str) -> dict[str, float | None]:
    return {
        m: (c.value if c.value is not None else c.low)
        for m, c in article_toll(text, extract_figures(text)).items()
    }


def test_the_corner_of_coles_avenue_emmanuel_stokes_with_the_space_lost_is_two_sentences() -> None:
    # a page that lost the spaces after its full stops: read as one sentence, the two dead named
    # first, the two who ran and "all four" were summed to eight
    text = (
        "Man charged in South Shore quadruple murder\n"
        "Police said he shot up a restaurant at Coles Avenue.Emmanuel Stokes, 28, and Edwin "
        "Davis, 32, were fatally shot inside the restaurant.Two other men ran from the "
        "restaurant, but both were fatally shot outside.All four were pronounced dead at the "
        "scene."
    )
    assert toll(text)["killed"] == 4
