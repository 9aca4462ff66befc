"""The built-in filing scope and retention schedule (归档范围和保管期限表) template.

Each incident gets its own copy, edited and approved; this is only the starting point
(DOMAIN.md "A starting retention schedule").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScheduleEntry:
    key: str
    name_zh: str
    name_en: str
    retention: str


TEMPLATE_NAME = "重特大事件归档范围和档案保管期限表(模板)"
TEMPLATE_VERSION = "2024.1"

MAJOR_INCIDENT_TEMPLATE: tuple[ScheduleEntry, ...] = (
    ScheduleEntry("plans", "应急预案、工作方案、部署安排", "Plans, work programmes", "Y"),
    ScheduleEntry("instructions", "领导指示批示、讲话", "Instructions and speeches", "Y"),
    ScheduleEntry("meetings", "会议记录、纪要", "Meeting records and minutes", "Y"),
    ScheduleEntry("reports", "请示、报告、通报、总结", "Requests, reports, bulletins", "Y"),
    ScheduleEntry("work-logs", "工作日志", "Work logs", "Y"),
    ScheduleEntry("photos-important", "现场照片(重要)", "On-site photos (important)", "Y"),
    ScheduleEntry("photos-general", "现场照片(一般)", "On-site photos (general)", "D30"),
    ScheduleEntry("av-important", "录音录像(重要)", "Audio-video (important)", "Y"),
    ScheduleEntry("av-general", "录音录像(一般)", "Audio-video (general)", "D30"),
    ScheduleEntry("oral-history", "口述史料", "Oral history", "Y"),
    ScheduleEntry("statistics", "灾情统计、损失评估", "Statistics and assessments", "Y"),
    ScheduleEntry("media", "媒体报道及移交材料", "Media coverage and handovers", "D30"),
    ScheduleEntry("donations", "社会征集、捐赠材料", "Public collection, donations", "Y"),
    ScheduleEntry("physical", "实物", "Physical objects", "Y"),
    ScheduleEntry("supplies", "物资接收与发放", "Supplies received and issued", "D30"),
    ScheduleEntry("accountability", "表彰奖励、责任追究", "Commendation, accountability", "Y"),
    ScheduleEntry("routine", "一般事务性材料", "Routine administration", "D10"),
)
