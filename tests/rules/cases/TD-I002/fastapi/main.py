"""Weather proxy: debug comes from the environment, not from the code."""

import os

from fastapi import FastAPI

# ok: TD-I002
app = FastAPI(title="weather", debug=os.environ.get("WEATHER_DEBUG") == "1")


@app.get("/forecast/{city}")
def forecast(city: str):
    return {"city": city, "forecast": "rain"}
