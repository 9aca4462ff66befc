"""The work log (工作日志) on screen: the timeline page, quick entry, correction, review,
history and renditions. Widgets here call ``repos.log`` through the worker; none opens a
Session."""
