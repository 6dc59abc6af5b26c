from celery import shared_task


@shared_task(name="impact.refresh_impact")
def refresh_impact() -> float:
    """Beat, every ISOKO_IMPACT_REFRESH_SECONDS: recompute the programme's numbers (the
    unfiltered snapshot). Returns the seconds it took."""
    from impact.snapshot import snapshot_refresh

    return snapshot_refresh()
