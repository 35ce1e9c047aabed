"""Industry guide: a table of contents, then definition, values, business models, classifications,
companies, trends, challenges, culture, and the job categories with their roles; a way into the quiz
after the roles and at the end."""

import streamlit as st

from ui.content import content
from ui.i18n import lang, t
from ui.links import go


def section_titles(overview) -> dict[str, str]:
    return {
        "definition": overview.definition.title(lang()),
        "values": overview.values.title(lang()),
        "models": overview.business_models.title(lang()),
        "classes": overview.classifications.title(lang()),
        "companies": overview.companies.title(lang()),
        "trends": overview.trends.title(lang()),
        "challenges": overview.challenges.title(lang()),
        "jobs": t("overview.jobs_title"),
        "culture": overview.culture.title(lang()),
    }


def contents(overview) -> None:
    with st.container(border=True):
        st.markdown(f"**{t('overview.contents')}**")
        st.markdown("\n".join(f"- [{title}](#{anchor})" for anchor, title in section_titles(overview).items()))


def take_the_quiz(key: str) -> None:
    with st.container(border=True):
        st.markdown(t("overview.cta_body", minutes=content().bank.minutes_needed))
        if st.button(t("home.start"), type="primary", icon=":material/play_arrow:", key=key):
            go("quiz")


def definition(overview) -> None:
    st.header(overview.definition.title(lang()), anchor="definition")
    st.markdown(overview.definition.body(lang()))
    for example in overview.definition.examples:
        st.markdown(f"- **{example.area(lang())}** — {example.example(lang())}")


def values(overview) -> None:
    st.header(overview.values.title(lang()), anchor="values")
    for column, value in zip(st.columns(len(overview.values.items)), overview.values.items, strict=True):
        with column.container(border=True, height="stretch"):
            st.markdown(f"**{value.name(lang())}**")
            st.write(value.body(lang()))


def business_models(overview) -> None:
    models = overview.business_models
    st.header(models.title(lang()), anchor="models")
    st.write(models.intro(lang()))
    frame = models.table.frame(lang())
    for column, (_, row) in zip(st.columns(len(frame)), frame.iterrows(), strict=True):
        with column.container(border=True, height="stretch"):
            st.markdown(f"**{row.iloc[0]}**")
            for label, value in list(row.items())[1:]:
                st.caption(label)
                st.write(value)
    st.markdown(f"**{models.strategies.title(lang())}**")
    for strategy in models.strategies.items:
        st.markdown(f"- {strategy(lang())}")


def classifications(overview) -> None:
    tables = overview.classifications.tables
    st.header(overview.classifications.title(lang()), anchor="classes")
    st.write(overview.classifications.intro(lang()))
    for table in tables:  # static tables wrap their text, so nothing is cut off on a phone
        st.markdown(f"**{table.title(lang())}**")
        st.table(table.frame(lang()), hide_index=True)


def companies(overview) -> None:
    st.header(overview.companies.title(lang()), anchor="companies")
    st.caption(t("overview.companies_note"))
    cards = st.columns(2)
    for index, company in enumerate(overview.companies.items):
        with cards[index % 2].container(border=True):
            st.markdown(f"**{company.name(lang())}**")
            for point in company.points:
                st.markdown(f"- {point(lang())}")


def trends_and_challenges(overview) -> None:
    for anchor, section in (("trends", overview.trends), ("challenges", overview.challenges)):
        st.header(section.title(lang()), anchor=anchor)
        for item in section.items:
            with st.expander(item.name(lang())):
                st.write(item.body(lang()))


def culture(overview, bank) -> None:
    st.header(overview.culture.title(lang()), anchor="culture")
    for column, item in zip(st.columns(2) * 2, overview.culture.items, strict=True):
        with column.container(border=True):
            st.markdown(f"**{item.name(lang())}**")
            st.write(item.body(lang()))
            names = t("app.list_separator").join(bank.trait(x).short(lang()) for x in item.traits)
            st.caption(t("overview.culture_traits", traits=names))


def jobs(bank) -> None:
    st.header(t("overview.jobs_title"), anchor="jobs")
    st.write(t("overview.jobs_lead"))
    for category in bank.categories:
        st.subheader(category.name(lang()))
        st.write(category.description(lang()))
        for role in bank.roles_in(category.id):
            with st.expander(role.name(lang())):
                st.write(role.description(lang()))
                st.markdown(f"**{t('role.typical_day')}**")
                st.write(role.typical_day(lang()))
                st.markdown(f"**{t('role.first_step')}**")
                st.write(role.first_step(lang()))
                if st.button(t("overview.take_quiz"), key=f"overview.quiz.{role.id}", icon=":material/quiz:"):
                    go("quiz")
    take_the_quiz("overview.quiz_after_jobs")


overview, bank = content().overview, content().bank
st.title(t("overview.title"), anchor=False)
st.markdown(t("overview.lead"))
contents(overview)
definition(overview)
values(overview)
business_models(overview)
classifications(overview)
companies(overview)
trends_and_challenges(overview)
jobs(bank)
culture(overview, bank)
take_the_quiz("overview.quiz_at_end")
