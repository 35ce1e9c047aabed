"""Delete my data: remove a stored response with the deletion code shown after saving."""

import streamlit as st

from storage import StorageError, delete_response
from ui.database import engine
from ui.i18n import t


def delete_form() -> None:
    with st.form("delete.form"):
        code = st.text_input(t("delete.code_label"), max_chars=40, placeholder="ABCD-EFGH-JKLM", key="delete.code")
        if st.form_submit_button(t("delete.submit"), icon=":material/delete:"):
            outcome(code)


def outcome(code: str) -> None:
    try:
        removed = delete_response(engine(), code)
    except StorageError:
        st.warning(t("delete.unavailable"), icon=":material/cloud_off:")
        return
    if removed:
        st.success(t("delete.done"), icon=":material/check_circle:")
    else:
        st.error(t("delete.not_found"), icon=":material/search_off:")


st.title(t("delete.title"), anchor=False)
st.markdown(t("delete.body"))
delete_form()
