from fastapi import APIRouter, Depends

from auth import get_current_user

router = APIRouter()


@router.post("/notes")
def create_note(user=Depends(get_current_user)):
    return {"ok": True}


@router.put("/notes/{note_id}", dependencies=[Depends(get_current_user)])
def update_note(note_id: int):
    return {"ok": True}
