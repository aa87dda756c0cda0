import io

from reports import pdf
from reports.programme import decision_section
from tests.reports.conftest import pdf_text


def decision_with_tasks(count):
    return {"meeting": "Kurul toplantısı (12.06.2026)", "number": 1,
            "text": "Erken uygulanacak eylemler için görevler başlatıldı.",
            "tasks": [{"task": f"Hazırlık ve iş planı — P{n}.1.1", "institution": "KTO",
                       "status": "Gerçekleşen"} for n in range(count)]}


def test_a_decision_with_dozens_of_tasks_fits_on_a_page_and_counts_the_rest():
    story = decision_section([decision_with_tasks(50)])
    out = io.BytesIO()
    snapshot = {"programme": "p", "period": "2026", "draft": False, "language": "en",
                "issued_at": "2026-12-06T10:00:00+03:00"}
    pages = pdf.build_pdf(out, story, title="t", snapshot=snapshot)
    assert pages == 1
    text = " ".join(pdf_text(out.getvalue()).split())
    assert "and 45 more tasks" in text
    assert "P4.1.1" in text and "P5.1.1" not in text
