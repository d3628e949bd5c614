"""Reads the domains' listings share: the page of a list that a request asks for."""

from django.core.paginator import Page, Paginator


def requested_page(request, items, per_page: int) -> tuple[Page, str]:
    """The page of ``items`` the request asks for (``?page=``, the first when it is missing
    or wrong), and the request's other parameters (its filters) as a query string, which
    ``includes/pagination.html`` keeps in the links to the other pages."""
    page_obj = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page_obj, query.urlencode()
