"""The media files (MEDIA_ROOT) backed up and restored with the database.

On the file system, `backup_database` writes MEDIA_ROOT's files to a tar
beside the database backup (``<backup>.media.tar``) and `restore_database`
makes MEDIA_ROOT hold exactly those files again, so that every image and
attachment a restored row names is there. Media in object storage (S3) is
not copied: the bucket keeps its own versions.
"""

import os
import shutil
import tarfile
import uuid
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.management.base import CommandError

MEDIA_SUFFIX = ".media.tar"
STAGING_PREFIX = ".restore-"


def media_on_file_system() -> bool:
    return getattr(settings, "MEDIA_STORAGE", "filesystem") == "filesystem"


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def media_archive_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MEDIA_SUFFIX)


def media_files(root: Path) -> list[Path]:
    """Return MEDIA_ROOT's regular files, relative to it, in a stable order.

    Links are left out (a link could point anywhere on the machine), and so
    are a restore's staging directories.
    """
    if not root.is_dir():
        return []
    found = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            name
            for name in dirnames
            if not name.startswith(STAGING_PREFIX)
            and not (Path(directory) / name).is_symlink()
        )
        for name in sorted(filenames):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                found.append(path.relative_to(root))
    return found


def write_media_archive(backup: Path) -> tuple[Path, int]:
    """Write MEDIA_ROOT's files to the tar beside `backup`; return it and the count."""
    root = media_root()
    archive = media_archive_path(backup)
    partial = archive.with_name(archive.name + ".partial")
    partial.unlink(missing_ok=True)
    files = media_files(root)
    try:
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            for relative in files:
                tar.add(root / relative, arcname=relative.as_posix(), recursive=False)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(archive)
    return archive, len(files)


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or ".." in path.parts:
        raise CommandError(f"The media archive holds an unsafe path: {name!r}.")
    if path.parts[0].startswith(STAGING_PREFIX):
        raise CommandError(f"The media archive holds an unexpected path: {name!r}.")
    return path


def check_media_archive(archive: Path) -> list[tarfile.TarInfo]:
    """Return the archive's files; refuse anything but plain files and folders."""
    try:
        with tarfile.open(archive, "r:") as tar:
            members = tar.getmembers()
    except (tarfile.TarError, OSError) as error:
        raise CommandError(f"{archive} is not a media archive: {error}") from error
    files = []
    for member in members:
        _safe_name(member.name)
        if member.isdir():
            continue
        if not member.isreg():
            raise CommandError(
                f"The media archive holds {member.name!r}, which is not a plain file."
            )
        files.append(member)
    return files


def restore_media_archive(archive: Path) -> int:
    """Make MEDIA_ROOT hold exactly the archive's files; return how many.

    The files are unpacked into a staging folder inside MEDIA_ROOT (the same
    file system, even when MEDIA_ROOT is a mounted volume), then each is
    moved into place with an atomic rename, and files the backup did not
    have are removed: no restored row names them.
    """
    members = check_media_archive(archive)
    root = media_root()
    root.mkdir(parents=True, exist_ok=True)
    staging = root / f"{STAGING_PREFIX}{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        with tarfile.open(archive, "r:") as tar:
            for member in members:
                target = staging.joinpath(*_safe_name(member.name).parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                with source, target.open("wb") as out:
                    shutil.copyfileobj(source, out)
                os.chmod(target, 0o644)
        wanted = set()
        for member in members:
            relative = Path(*_safe_name(member.name).parts)
            wanted.add(relative)
            final = root / relative
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for relative in media_files(root):
        if relative not in wanted:
            (root / relative).unlink()
    return len(members)
