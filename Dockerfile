# BPO Career Fit - one container: Streamlit app + scoring library, SQLite by default.
# Build: docker build -t bpo-career-fit .    Run: docker run -p 8501:8501 -v bpo-data:/data bpo-career-fit
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BPO_DATA_DIR=/data

RUN useradd --create-home --uid 10001 app && mkdir -p /data && chown app:app /data
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=10001:10001 . .
USER 10001

EXPOSE 8501
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]

# .streamlit/config.toml holds the production settings (headless, upload limit, XSRF, no usage stats)
CMD ["streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0"]
