"""The benchmark's own pages, mounted under /bench/ when BENCH_VIEWS is on."""

from django.urls import path

from . import views

urlpatterns = [
    path("hello/", views.hello, name="bench_hello"),
    path("floor/", views.floor, name="bench_floor"),
]
