"""Prints, as JSON, the scores nbgrader's gradebook holds for one assignment.

Called by grade.ts: python gradebook.py <database url> <assignment>
One row per student, notebook and graded cell: {"student", "notebook", "cell", "score", "max"}.
"""
import json
import sys

from nbgrader.api import Gradebook


def main():
    db_url, assignment = sys.argv[1:]
    rows = []
    with Gradebook(db_url) as gradebook:
        for submission in gradebook.find_assignment(assignment).submissions:
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    rows.append({"student": submission.student.id, "notebook": notebook.name, "cell": grade.name,
                                 "score": grade.score, "max": grade.max_score})
    json.dump(rows, sys.stdout)


if __name__ == "__main__":
    main()
