"""Team review: several reviewers' worksheets of one article compared, measured and merged."""
