ARG PYTHON_VERSION=3.11

FROM python:${PYTHON_VERSION}-slim AS wheels
WORKDIR /build
COPY requirements.txt .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

FROM python:${PYTHON_VERSION}-slim
COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/
COPY --from=wheels /wheels /wheels
RUN uv pip install --system --no-cache /wheels/*.whl && rm -rf /wheels
COPY app/ /app/
CMD ["python", "/app/main.py"]
