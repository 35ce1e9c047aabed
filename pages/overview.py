"""Industry guide: definition, values, business models, classifications, companies, trends,
challenges, culture, and the job categories with their roles."""

import streamlit as st

from ui.content import content
from ui.i18n import lang, t
from ui.links import go
from ui.widgets import show_table


def definition(overview) -> None:
    st.header(overview.definition.title(lang()))
    st.markdown(overview.definition.body(lang()))
    for example in overview.definition.examples:
        st.markdown(f"- **{example.area(lang())}** — {example.example(lang())}")


def values(overview) -> None:
    st.header(overview.values.title(lang()))
    for column, value in zip(st.columns(len(overview.values.items)), overview.values.items, strict=True):
        with column.container(border=True, height="stretch"):
            st.markdown(f"**{value.name(lang())}**")
            st.write(value.body(lang()))


def business_models(overview) -> None:
    models = overview.business_models
    st.header(models.title(lang()))
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
    st.header(overview.classifications.title(lang()))
    st.write(overview.classifications.intro(lang()))
    for tab, table in zip(st.tabs([table.title(lang()) for table in tables]), tables, strict=True):
        with tab:
            show_table(table.frame(lang()))
            st.caption(t("overview.table_hint"))


def companies(overview) -> None:
    st.header(overview.companies.title(lang()))
    st.caption(t("overview.companies_note"))
    cards = st.columns(2)
    for index, company in enumerate(overview.companies.items):
        with cards[index % 2].container(border=True):
            st.markdown(f"**{company.name(lang())}**")
            for point in company.points:
                st.markdown(f"- {point(lang())}")


def trends_and_challenges(overview) -> None:
    for section in (overview.trends, overview.challenges):
        st.header(section.title(lang()))
        for item in section.items:
            with st.expander(item.name(lang())):
                st.write(item.body(lang()))


def culture(overview, bank) -> None:
    st.header(overview.culture.title(lang()))
    for column, item in zip(st.columns(2) * 2, overview.culture.items, strict=True):
        with column.container(border=True):
            st.markdown(f"**{item.name(lang())}**")
            st.write(item.body(lang()))
            names = t("app.list_separator").join(bank.trait(x).short(lang()) for x in item.traits)
            st.caption(t("overview.culture_traits", traits=names))


def jobs(bank) -> None:
    st.header(t("overview.jobs_title"))
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


overview, bank = content().overview, content().bank
st.title(t("overview.title"))
st.markdown(t("overview.lead"))
definition(overview)
values(overview)
business_models(overview)
classifications(overview)
companies(overview)
trends_and_challenges(overview)
culture(overview, bank)
jobs(bank)
