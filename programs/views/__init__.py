"""Views of programs, by concern (thin: permission → form → one service → redirect)."""
