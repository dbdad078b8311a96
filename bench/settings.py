"""The portal's settings, plus a bare view to compare throughput against."""

from federation.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
