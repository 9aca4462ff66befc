"""`fieldarchive capture photo|video|audio|devices`: capture from a camera or microphone.

Recordings grow in the store's pending area and are stored only when finished. A source
that ends early (camera unplugged, stream dropped, microphone gone) keeps what was recorded
and says so; Ctrl-C stops a capture early and keeps what was taken so far.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.cli.common import (
    EXIT_OK,
    Output,
    UsageError,
    add_operator_arg,
    add_store_arg,
    code_type,
    say,
)
from app.cli.common import open_store as _open_store
from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.domain.timeutil import now_local
from app.store.errors import DiskFull, InvalidInput
from app.store.repositories import Repositories
from app.store.repositories.items import ItemRecord

ORAL_OPTIONS = ("narrator", "interviewer", "unit", "consent")
MAX_INTERVAL_COUNT = 100_000


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    group = sub.add_parser("capture", help="take photos, record video or sound",
                           parents=[common])
    gsub = group.add_subparsers(dest="capture_command", metavar="ACTION")

    photo = gsub.add_parser("photo", help="take one photo, or one every N seconds",
                            parents=[common])
    _item_args(photo)
    photo.add_argument("--source", required=True, metavar="SRC",
                       help="camera number (0, 1 ...), video file, or stream URL (rtsp://...)")
    photo.add_argument("--count", type=_positive_int, default=1, metavar="N",
                       help="how many photos (default 1)")
    photo.add_argument("--interval", type=_positive_float, default=None, metavar="SECONDS",
                       help="seconds between photos when --count is more than 1")
    photo.set_defaults(handler=_photo)

    video = gsub.add_parser("video", help="record video (with sound from a microphone)",
                            parents=[common])
    _item_args(video)
    video.add_argument("--source", required=True, metavar="SRC",
                       help="camera number (0, 1 ...), video file, or stream URL (rtsp://...)")
    video.add_argument("--seconds", required=True, type=_positive_float, metavar="N",
                       help="how long to record")
    video.add_argument("--audio-device", metavar="NAME",
                       help="record sound from this microphone too ('default' for the "
                            "system's default; see 'capture devices')")
    video.set_defaults(handler=_video)

    audio = gsub.add_parser("audio", help="record sound (WAV master, optional MP3 copy)",
                            parents=[common])
    _item_args(audio)
    audio.add_argument("--seconds", required=True, type=_positive_float, metavar="N",
                       help="how long to record")
    audio.add_argument("--device", metavar="NAME",
                       help="microphone name (default: the system's default input)")
    audio.add_argument("--channels", type=int, choices=(1, 2), default=1)
    audio.add_argument("--bits", type=int, choices=(16, 24), default=16,
                       help="bits per sample of the WAV master (default 16)")
    audio.add_argument("--mp3", action="store_true", help="also store an MP3 access copy")
    oral = audio.add_argument_group("oral history (口述采录)")
    oral.add_argument("--narrator", help="口述者, the person telling")
    oral.add_argument("--interviewer", help="采集者, the person asking")
    oral.add_argument("--unit", help="采集单位, the interviewer's unit")
    oral.add_argument("--consent", help="授权书编号, reference of the consent record")
    audio.set_defaults(handler=_audio)

    devices = gsub.add_parser("devices", help="list the microphones that can record",
                              parents=[common])
    devices.set_defaults(handler=_devices)

    group.set_defaults(handler=_need_action)


def _item_args(parser: argparse.ArgumentParser) -> None:
    add_store_arg(parser)
    parser.add_argument("--incident", required=True, metavar="ID",
                        help="the incident (id, id prefix or number)")
    parser.add_argument("--title", help="题名 (default: the file name made at capture)")
    parser.add_argument("--phase", type=code_type(codes.PHASE),
                        help="prevention|warning|response|recovery (or 应急处置与救援 …)")
    parser.add_argument("--place", help="地点")
    add_operator_arg(parser)


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if not 1 <= number <= MAX_INTERVAL_COUNT:
        raise argparse.ArgumentTypeError(f"give a number from 1 to {MAX_INTERVAL_COUNT}")
    return number


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of seconds") from None
    if not 0 < number < 10 * 24 * 3600:
        raise argparse.ArgumentTypeError("give a number of seconds greater than 0")
    return number


def _need_action(args: argparse.Namespace, out: Output) -> int:
    raise UsageError(say(QT_TRANSLATE_NOOP(
        "Errors", "capture: give an action: photo, video, audio or devices")))


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    wanted = {"title": args.title, "phase": args.phase, "place": args.place}
    return {k: v for k, v in wanted.items() if v}


@contextmanager
def _stop_on_interrupt() -> Iterator[threading.Event]:
    """Ctrl-C asks the capture to stop (keeping what was taken) instead of killing it."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


CUT_SHORT = QT_TRANSLATE_NOOP(
    "Errors", "recording cut short at {seconds} s of {asked} s: {reason}; what was recorded is "
    "stored.")
STOPPED_BY_USER = QT_TRANSLATE_NOOP(
    "Errors", "stopped by the user at {seconds} s; what was recorded is stored.")


def audio_reason(audio: Any) -> object:
    return audio.reason if audio is not None and audio.truncated else None


def _warn(out: Output, text: str) -> None:
    if not out.json_mode:
        print(say(QT_TRANSLATE_NOOP("Errors", "fieldarchive: warning: {text}"), text=text),
              file=sys.stderr)


def _recording_lost(store_root: Path) -> DiskFull:
    return DiskFull(QT_TRANSLATE_NOOP(
        "Errors", "The disk holding the store {path} is full, so the recording could not be "
        "kept; free some space and try again."), path=store_root)


def item_summary(rec: ItemRecord) -> dict[str, Any]:
    return {
        "id": rec.id, "kind": rec.kind, "category": rec.category,
        "source_channel": rec.source_channel, "batch_id": rec.batch_id, "title": rec.title,
        "creator": rec.creator, "date": rec.date.isoformat() if rec.date else None,
        "files": [{"role": f.role, "name": f.original_name, "format": f.format,
                   "size": f.size, "sha256": f.sha256, "vault_path": f.vault_path}
                  for f in rec.files],
        "technical": {k: v for k, v in rec.technical.items() if k != "exif"},
    }


# -- photo ---------------------------------------------------------------------------------

def _photo(args: argparse.Namespace, out: Output) -> int:
    from app.capture.camera import CameraSession, interval_stills
    from app.capture.capture_store import actor_name, store_still

    if args.count > 1 and args.interval is None:
        raise UsageError(say(QT_TRANSLATE_NOOP(
            "Errors", "capture photo: give --interval SECONDS with --count above 1")))
    interval = args.interval or 0.0
    with _open_store(args) as store, _stop_on_interrupt() as stop:
        repos = Repositories(store)
        incident = repos.incidents.get(args.incident).id
        artist = actor_name(repos, args.operator)
        stored: list[ItemRecord] = []
        batch_id: str | None = None
        with CameraSession(args.source) as session:
            model = session.describe()
            for frame in interval_stills(session, args.count, interval, stop.is_set):
                if args.count > 1 and batch_id is None:
                    batch_id = repos.items.create_batch(
                        incident, "self", note=f"{args.count} photos every {interval:g} s "
                                               f"from {model}", operator=args.operator).id
                rec = store_still(repos, incident, frame, artist=artist, model=model,
                                  operator=args.operator, batch_id=batch_id,
                                  fields=_fields(args),
                                  mode="interval" if args.count > 1 else "shutter")
                stored.append(rec)
                out.line(f"{rec.id}  {rec.files[0].original_name}  "
                         f"{frame.width}x{frame.height}")
            ended = session.ended_reason
    short = len(stored) < args.count
    reason_words = (Message(QT_TRANSLATE_NOOP("Errors", "stopped by the user")) if stop.is_set()
                    else ended) if short else None
    reason = str(reason_words) if reason_words is not None else None
    out.result({"items": [item_summary(r) for r in stored], "requested": args.count,
                "stored": len(stored), "batch_id": batch_id, "truncated": short,
                "reason": reason})
    if short:
        _warn(out, say(QT_TRANSLATE_NOOP(
            "Errors", "{taken} of {count} photos taken: {reason}; the photos taken are stored."),
            taken=len(stored), count=args.count, reason=reason_words))
    return EXIT_OK


# -- video ---------------------------------------------------------------------------------

def _video(args: argparse.Namespace, out: Output) -> int:
    from app.capture.camera import CameraSession
    from app.capture.capture_store import VideoTake, actor_name, store_video
    from app.capture.microphone import find_input
    from app.capture.recording_files import remove_quietly, temp_recording
    from app.capture.video import AudioSpec, VideoRecorder

    with _open_store(args) as store, _stop_on_interrupt() as stop:
        repos = Repositories(store)
        incident = repos.incidents.get(args.incident).id
        artist = actor_name(repos, args.operator)
        device = None
        if args.audio_device:
            device = find_input(None if args.audio_device == "default" else args.audio_device)
        with CameraSession(args.source) as session:
            temp = temp_recording(store, ".mp4")
            try:
                started_at = now_local()
                recorder = VideoRecorder(temp, session.width, session.height, session.fps,
                                         audio=AudioSpec() if device is not None else None)
                outcome, audio = _record_video(session, recorder, args.seconds, stop.is_set,
                                               device)
                recorder.finish()
                take = VideoTake(started_at, session.describe(), args.seconds, outcome, audio)
                rec = store_video(repos, incident, temp, take, artist=artist,
                                  operator=args.operator, fields=_fields(args))
            except DiskFull as err:
                raise _recording_lost(store.root) from err
            finally:
                remove_quietly(temp)
    capture = rec.technical.get("capture", {})
    duration = rec.technical.get("duration")
    out.result({"item": item_summary(rec), "seconds": duration,
                "requested_seconds": args.seconds, "truncated": bool(capture.get("truncated")),
                "reason": capture.get("truncation_reason"),
                "stopped_early": stop.is_set()})
    out.line(f"{rec.id}  {rec.files[0].original_name}  {duration} s")
    if capture.get("truncated"):
        _warn(out, say(CUT_SHORT, seconds=duration, asked=f"{args.seconds:g}",
                       reason=outcome.reason or audio_reason(audio) or ""))
    elif stop.is_set():
        _warn(out, say(STOPPED_BY_USER, seconds=duration))
    return EXIT_OK


def _record_video(session: Any, recorder: Any, seconds: float, should_stop: Callable[[], bool],
                  device: Any) -> tuple[Any, Any]:
    """Run the camera loop; with a microphone, on a thread beside Qt's event loop."""
    from app.capture.microphone import MicrophoneRecorder, run_until_done
    from app.capture.video import record

    if device is None:
        try:
            return record(session, recorder, seconds, should_stop), None
        except BaseException:
            recorder.abort()
            raise
    box: dict[str, Any] = {}
    halt = threading.Event()

    def camera_loop() -> None:
        try:
            box["outcome"] = record(session, recorder, seconds,
                                    lambda: should_stop() or halt.is_set())
        except BaseException as err:  # handed to the main thread below
            box["error"] = err

    camera = threading.Thread(target=camera_loop, name="camera-recording", daemon=True)
    mic = MicrophoneRecorder(device, None, on_pcm=recorder.add_audio)
    try:
        audio = run_until_done(mic, should_stop=lambda: not camera.is_alive(),
                               started=camera.start)
    except BaseException:
        halt.set()
        if camera.is_alive() or camera.ident is not None:
            camera.join()
        recorder.abort()
        raise
    camera.join()
    if "error" in box:
        recorder.abort()
        raise box["error"]
    return box["outcome"], audio


# -- audio ---------------------------------------------------------------------------------

def _audio(args: argparse.Namespace, out: Output) -> int:
    from app.capture.audio_edit import mp3_access_copy
    from app.capture.capture_store import actor_name, store_sound
    from app.capture.microphone import MicrophoneRecorder, find_input, run_until_done
    from app.capture.provenance import build_provenance, creator_from_provenance
    from app.capture.recording_files import remove_quietly, require_free_space, temp_recording

    oral_values = {k: getattr(args, k) for k in ORAL_OPTIONS if getattr(args, k)}
    channel, provenance = build_provenance("oral" if oral_values else "self", oral_values)
    with _open_store(args) as store, _stop_on_interrupt() as stop:
        repos = Repositories(store)
        incident = repos.incidents.get(args.incident).id
        artist = actor_name(repos, args.operator)
        device = find_input(args.device)
        wav_bytes = int(args.seconds * 48000) * args.channels * args.bits // 8
        mp3_bytes = int(args.seconds * 192_000 / 8) if args.mp3 else 0
        require_free_space(store, wav_bytes + mp3_bytes, args.seconds)

        wav = temp_recording(store, ".wav")
        mp3 = temp_recording(store, ".mp3") if args.mp3 else None
        try:
            started_at = now_local()
            mic = MicrophoneRecorder(device, wav, channels=args.channels, bits=args.bits,
                                     max_seconds=args.seconds)
            result = run_until_done(mic, should_stop=stop.is_set)
            if result.frames == 0:
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "Nothing was recorded, so nothing was stored."))
            if mp3 is not None:
                mp3_access_copy(wav, mp3)
            fields = _fields(args)
            batch_id = None
            if channel == "oral":
                batch_id = repos.items.create_batch(incident, channel, provenance,
                                                    operator=args.operator).id
                fields.setdefault("creator", creator_from_provenance(channel, provenance))
            rec = store_sound(repos, incident, wav, result, started_at, artist=artist,
                              mp3=mp3, requested_seconds=args.seconds,
                              operator=args.operator, batch_id=batch_id, fields=fields)
        except DiskFull as err:
            raise _recording_lost(store.root) from err
        finally:
            remove_quietly(wav)
            remove_quietly(mp3)
    out.result({"item": item_summary(rec), "seconds": round(result.seconds, 3),
                "requested_seconds": args.seconds, "truncated": result.truncated,
                "reason": str(result.reason) if result.reason else None,
                "stopped_early": result.stopped_early,
                "peak_dbfs": round(result.peak_dbfs, 1), "batch_id": batch_id,
                "wall_seconds": round(result.wall_seconds, 3), "fell_short": result.fell_short})
    out.line(f"{rec.id}  {rec.files[0].original_name}  {result.seconds:.1f} s  "
             f"peak {result.peak_dbfs:.1f} dBFS")
    if result.truncated:
        _warn(out, say(CUT_SHORT, seconds=f"{result.seconds:.1f}", asked=f"{args.seconds:g}",
                       reason=result.reason or ""))
    elif result.stopped_early:
        _warn(out, say(STOPPED_BY_USER, seconds=f"{result.seconds:.1f}"))
    if result.fell_short and not result.truncated:
        _warn(out, say(QT_TRANSLATE_NOOP(
            "Errors", "the microphone delivered only {seconds} s of sound in {wall} s of "
            "recording; check the device."), seconds=f"{result.seconds:.1f}",
            wall=f"{result.wall_seconds:.1f}"))
    return EXIT_OK


# -- devices -------------------------------------------------------------------------------

def _devices(args: argparse.Namespace, out: Output) -> int:
    from app.capture.microphone import input_devices

    devices = input_devices()
    out.result({"microphones": [{"name": d.description, "id": d.id, "default": d.is_default}
                                for d in devices]})
    if not devices:
        out.line(say(QT_TRANSLATE_NOOP("Errors", "No microphone was found.")))
    for d in devices:
        out.line(f"{'*' if d.is_default else ' '} {d.description}  ({d.id})")
    return EXIT_OK
