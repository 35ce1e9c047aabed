"""Industry overview: definition, values, business models, classifications, companies, trends,
challenges, culture, and the job categories with their roles."""

import streamlit as st

from pages.lib.common import content, go, lang, t

overview, bank = content().overview, content().bank
L = lang()

st.title(t("overview.title"))
st.markdown(t("overview.lead"))

# what BPO is
st.header(overview.definition.title(L))
st.markdown(overview.definition.body(L))
for example in overview.definition.examples:
    st.markdown(f"- **{example.area(L)}** — {example.example(L)}")

# why companies use it
st.header(overview.values.title(L))
for column, value in zip(st.columns(len(overview.values.items)), overview.values.items, strict=True):
    with column.container(border=True, height="stretch"):
        st.markdown(f"**{value.name(L)}**")
        st.write(value.body(L))

# how BPO firms earn
models = overview.business_models
st.header(models.title(L))
st.write(models.intro(L))
model_frame = models.table.frame(L)
for column, (_, row) in zip(st.columns(len(model_frame)), model_frame.iterrows(), strict=True):
    with column.container(border=True, height="stretch"):
        st.markdown(f"**{row.iloc[0]}**")
        for label, value in list(row.items())[1:]:
            st.caption(label)
            st.write(value)
st.markdown(f"**{models.strategies.title(L)}**")
for strategy in models.strategies.items:
    st.markdown(f"- {strategy(L)}")

# how the industry is divided
st.header(overview.classifications.title(L))
st.write(overview.classifications.intro(L))
for tab, table in zip(
    st.tabs([table.title(L) for table in overview.classifications.tables]),
    overview.classifications.tables,
    strict=True,
):
    with tab:
        st.dataframe(table.frame(L), hide_index=True, width="stretch")
        st.caption(t("overview.table_hint"))

# leading companies
st.header(overview.companies.title(L))
st.caption(t("overview.companies_note"))
cards = st.columns(2)
for index, company in enumerate(overview.companies.items):
    with cards[index % 2].container(border=True):
        st.markdown(f"**{company.name(L)}**")
        for point in company.points:
            st.markdown(f"- {point(L)}")

# trends and challenges
for section in (overview.trends, overview.challenges):
    st.header(section.title(L))
    for item in section.items:
        with st.expander(item.name(L)):
            st.write(item.body(L))

# culture
st.header(overview.culture.title(L))
for column, item in zip(st.columns(2) * 2, overview.culture.items, strict=True):
    with column.container(border=True):
        st.markdown(f"**{item.name(L)}**")
        st.write(item.body(L))
        st.caption(t("overview.culture_traits", traits=" / ".join(bank.trait(x).short(L) for x in item.traits)))

# job categories and roles
st.header(t("overview.jobs_title"))
st.write(t("overview.jobs_lead"))
for category in bank.categories:
    st.subheader(category.name(L))
    st.write(category.description(L))
    for role in bank.roles_in(category.id):
        with st.expander(role.name(L)):
            st.write(role.description(L))
            st.markdown(f"**{t('role.typical_day')}**")
            st.write(role.typical_day(L))
            st.markdown(f"**{t('role.first_step')}**")
            st.write(role.first_step(L))
            if st.button(t("overview.take_quiz"), key=f"overview.quiz.{role.id}", icon=":material/quiz:"):
                go("quiz")
