from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session

from auth import get_current_user
from db import get_session
from models import Document

app = FastAPI()


@app.get("/documents/{document_id}")
def get_document(document_id: int, user=Depends(get_current_user), session: Session = Depends(get_session)):
    # ruleid: TD-E001
    document = session.get(Document, document_id)
    return {"title": document.title}
